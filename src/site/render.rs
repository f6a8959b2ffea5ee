//! Apply templates: every output file of the site, rendered in parallel into memory.
//! Each output is a [`Job`] with the pages it depends on, so `serve` can re-render only the
//! outputs an edit touches.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tera::{Context, Tera};

use super::categories::{self, CATEGORIES_DIR, CategoryGroup};
use super::context::{self, Detail, PageData};
use super::context_pool;
use super::retro::{TIMELINE_DIR, TIMELINE_JSON};
use super::row::{Listed, Row, RowMasks};
use super::series::SERIES_DIR;
use super::{
    ARCHIVE_DIR, PAGINATION_DIR, ROBOTS_TXT, Site, TAGS_DIR, retro, structured, templates, timeline,
};
use crate::content::Kind;
use crate::error::{Diagnostic, Errors};
use crate::i18n::rfc3339;
use crate::output::{OutputFile, Written};
use crate::retro::index::fingerprint;
use crate::search;

/// One templated output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Page(usize),
    Home(usize),
    Tags,
    Tag(usize),
    Archive,
    NotFound,
    Feed,
    Sitemap,
    /// The search page, when the theme has `search.html`.
    Search,
    /// The `k`th old URL of a page (`redirect_from`, `aliases`).
    Redirect(usize, usize),
    /// The timeline of retrospectives, when there are any and the theme has
    /// `retrospectives.html`.
    Timeline,
    /// `retrospectives.json`, when there are retrospectives.
    TimelineJson,
    /// The Atom feed of one tag.
    TagFeed(usize),
    /// Every category, as a tree (when the theme has `categories.html` and the site has
    /// categories).
    Categories,
    /// One category's page (`category.html`) and its Atom feed.
    Category(usize),
    CategoryFeed(usize),
    /// Every series (`series_list.html`) and one series (`series.html`).
    SeriesList,
    Series(usize),
}

/// The file name of the feeds of a tag or a category, in its folder.
pub const FEED_FILE: &str = "feed.xml";

/// What a job's output depends on besides the templates and config: pages at one of three
/// levels — [`Dep::Content`] (the page's full content), [`Dep::Listing`] (its listing data:
/// the summary a list shows), [`Dep::Meta`] (its metadata: title, URL, dates, tags) — and
/// markers such as the number of pages. `serve` re-renders a job when its list changed or
/// names a page changed at that level. Pages are named by [`page_id`], so comparing the deps
/// of a 10,000-post archive compares numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deps(pub Vec<Dep>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dep {
    Content(u64),
    Listing(u64),
    Meta(u64),
    /// The metadata of the older and newer neighbour (a post's links to them).
    Older(u64),
    Newer(u64),
    /// Anything else the output shows, as a kind and a value (a count, a fingerprint).
    Marker(Marker, u64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Pages,
    Posts,
    /// What `page.retro` takes from other pages.
    Retro,
    /// `site.retrospectives` and `site.years`.
    SiteRetro,
    /// Whether the site has a timeline of retrospectives.
    Timeline,
    /// The archive's writing calendars.
    Calendar,
    /// A category (its path, and where a count shows, its count).
    Category,
    /// A series, by slug.
    Series,
}

impl Dep {
    /// The page named, and the level at which it must have changed to matter.
    pub fn page(self) -> Option<(Level, u64)> {
        match self {
            Dep::Content(id) => Some((Level::Content, id)),
            Dep::Listing(id) => Some((Level::Listing, id)),
            Dep::Meta(id) | Dep::Older(id) | Dep::Newer(id) => Some((Level::Meta, id)),
            Dep::Marker(..) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Content,
    Listing,
    Meta,
}

/// A page's name in [`Deps`]: a hash of its source path.
pub fn page_id(source: &std::path::Path) -> u64 {
    xxhash_rust::xxh3::xxh3_64(source.as_os_str().as_encoded_bytes())
}

/// Compiled templates and the context every template shares.
pub struct Templates {
    tera: Tera,
    base: Context,
    /// `base` with `site.retrospectives` and/or `site.years`, by the mask of
    /// [`templates::USES_RETROSPECTIVES`] and [`templates::USES_YEARS`] the templates use.
    full: [Option<Context>; 4],
    full_templates: std::collections::HashMap<String, u8>,
    /// The fingerprint of the lists in `full`.
    full_fingerprint: Option<u64>,
    /// `t`, as JSON.
    labels: Value,
    /// Changes whenever `base` or `full` do (see [`context_pool`]).
    generation: u64,
}

impl Templates {
    pub fn new(site: &Site) -> Result<Templates, Errors> {
        let labels = &site.labels;
        let tera = site.parsed_templates()?;
        let mut base = Context::new();
        base.insert("site", &context::site_data(site));
        base.insert("t", labels);
        let mut templates = Templates {
            tera,
            base,
            full: Default::default(),
            full_templates: site.full_site_templates.clone(),
            full_fingerprint: None,
            labels: serde_json::to_value(labels).unwrap_or(Value::Null),
            generation: context_pool::next_generation(),
        };
        // A build needs no fingerprint: `serve` takes one on its first change.
        templates.make_full(site);
        Ok(templates)
    }

    /// The shared context changes when standalone pages (the menu) change.
    pub fn refresh_site(&mut self, site: &Site) {
        self.base.insert("site", &context::site_data(site));
        self.generation = context_pool::next_generation();
        self.full_fingerprint = None;
        self.refresh_full(site);
    }

    /// `site.retrospectives` and `site.years` change with pages: made again when they did.
    pub fn refresh_full(&mut self, site: &Site) {
        if self.full_templates.is_empty() {
            return;
        }
        let mask = self.full_templates.values().fold(0, |a, m| a | m);
        let fingerprint = retro::full_fingerprint(site, mask);
        if self.full_fingerprint == Some(fingerprint) {
            return;
        }
        self.full_fingerprint = Some(fingerprint);
        self.make_full(site);
    }

    /// `base` plus the lists, for the templates that use them.
    fn make_full(&mut self, site: &Site) {
        self.generation = context_pool::next_generation();
        for mask in 1..4u8 {
            let used = self.full_templates.values().any(|m| *m == mask);
            self.full[usize::from(mask)] = used.then(|| {
                // Built in place: the lists are large, and a `Context::insert` would copy them.
                let mut site_value =
                    serde_json::to_value(context::site_data(site)).unwrap_or(Value::Null);
                if let Value::Object(map) = &mut site_value {
                    map.extend(retro::full_data(
                        site,
                        mask & templates::USES_RETROSPECTIVES != 0,
                        mask & templates::USES_YEARS != 0,
                    ));
                }
                let mut top = serde_json::Map::new();
                top.insert("site".into(), site_value);
                top.insert("t".into(), self.labels.clone());
                Context::from_value(Value::Object(top)).unwrap_or_else(|_| self.base.clone())
            });
        }
    }

    /// The shared context `template` gets, and which one it is.
    fn context_for(&self, template: &str) -> (&Context, (u64, u8)) {
        let mask = self.full_templates.get(template).copied().unwrap_or(0);
        match self.full.get(usize::from(mask)).and_then(Option::as_ref) {
            Some(full) => (full, (self.generation, mask)),
            None => (&self.base, (self.generation, 0)),
        }
    }
}

/// Every page as listings show it, by page index.
pub fn summary(site: &Site, index: usize) -> Value {
    serde_json::to_value(context::page_data(site, index, Detail::Listing)).unwrap_or(Value::Null)
}

pub fn summaries(site: &Site) -> Vec<Value> {
    (0..site.pages.len())
        .into_par_iter()
        .map(|i| summary(site, i))
        .collect()
}

/// The most render jobs one rayon task takes: enough that an idle thread always finds work
/// to take over (see [`render_site_with`]).
const JOBS_PER_TASK: usize = 4;

pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    jobs.extend((1..=site.page_count()).map(Job::Home));
    jobs.push(Job::Tags);
    jobs.extend((0..site.tags.len()).map(Job::Tag));
    jobs.extend([Job::Archive, Job::NotFound, Job::Feed, Job::Sitemap]);
    if site.theme.templates.contains_key("search.html") {
        jobs.push(Job::Search);
    }
    for (i, page) in site.pages.iter().enumerate() {
        jobs.extend((0..page.redirects.len()).map(|k| Job::Redirect(i, k)));
    }
    if !site.retro.is_empty() {
        if site.theme.templates.contains_key("retrospectives.html") {
            jobs.push(Job::Timeline);
        }
        jobs.push(Job::TimelineJson);
    }
    jobs.extend((0..site.tags.len()).map(Job::TagFeed));
    if !site.categories.is_empty() {
        jobs.extend((0..site.categories.len()).map(Job::CategoryFeed));
        if has_categories_pages(site) {
            jobs.push(Job::Categories);
            jobs.extend((0..site.categories.len()).map(Job::Category));
        }
    }
    if has_series_pages(site) {
        jobs.push(Job::SeriesList);
        jobs.extend((0..site.series.len()).map(Job::Series));
    }
    jobs
}

/// Whether the build writes category pages: the site has categories and the theme the
/// templates.
pub fn has_categories_pages(site: &Site) -> bool {
    !site.categories.is_empty()
        && site.theme.templates.contains_key("categories.html")
        && site.theme.templates.contains_key("category.html")
}

/// Whether the build writes series pages.
pub fn has_series_pages(site: &Site) -> bool {
    !site.series.is_empty()
        && site.theme.templates.contains_key("series.html")
        && site.theme.templates.contains_key("series_list.html")
}

/// The template a job renders (`None` for outputs made without one).
pub fn template_name(site: &Site, job: Job) -> Option<String> {
    Some(
        match job {
            Job::Page(i) => return Some(page_template(site, i)),
            Job::Home(_) => "index.html",
            Job::Tags => "tags.html",
            Job::Tag(_) => "tag.html",
            Job::Archive => "archive.html",
            Job::NotFound => "404.html",
            Job::Feed => "feed.xml",
            Job::Sitemap => "sitemap.xml",
            Job::Search => "search.html",
            Job::Timeline => "retrospectives.html",
            Job::TagFeed(_) | Job::CategoryFeed(_) => "feed.xml",
            Job::Categories => "categories.html",
            Job::Category(_) => "category.html",
            Job::SeriesList => "series_list.html",
            Job::Series(_) => "series.html",
            Job::TimelineJson | Job::Redirect(..) => return None,
        }
        .to_string(),
    )
}

pub fn output_path(site: &Site, job: Job) -> String {
    match job {
        Job::Page(i) => site.pages[i].output.clone(),
        Job::Home(1) => "index.html".into(),
        Job::Home(n) => format!("{PAGINATION_DIR}/{n}/index.html"),
        Job::Tags => format!("{TAGS_DIR}/index.html"),
        Job::Tag(i) => format!("{TAGS_DIR}/{}/index.html", site.tags[i].slug),
        Job::Archive => format!("{ARCHIVE_DIR}/index.html"),
        Job::NotFound => "404.html".into(),
        Job::Feed => "feed.xml".into(),
        Job::Sitemap => "sitemap.xml".into(),
        Job::Search => search::SEARCH_PAGE.into(),
        Job::Redirect(i, k) => site.pages[i].redirects[k].clone(),
        Job::Timeline => format!("{TIMELINE_DIR}/index.html"),
        Job::TimelineJson => TIMELINE_JSON.into(),
        Job::TagFeed(i) => format!("{TAGS_DIR}/{}/{FEED_FILE}", site.tags[i].slug),
        Job::Categories => format!("{CATEGORIES_DIR}/index.html"),
        Job::Category(i) => format!("{}/index.html", categories::dir(&site.categories[i])),
        Job::CategoryFeed(i) => format!("{}/{FEED_FILE}", categories::dir(&site.categories[i])),
        Job::SeriesList => format!("{SERIES_DIR}/index.html"),
        Job::Series(i) => format!("{SERIES_DIR}/{}/index.html", site.series[i].slug),
    }
}

pub fn deps(site: &Site, job: Job) -> Deps {
    let id = |i: usize| site.page_id(i);
    let per = site.config.paginate;
    let mut list = match job {
        Job::Page(i) => {
            let (older, newer) = site.neighbour_indexes(i);
            let mut d = vec![Dep::Content(id(i))];
            d.extend(older.map(|o| Dep::Older(id(o))));
            d.extend(newer.map(|n| Dep::Newer(id(n))));
            // What `page.retro` shows of other pages: neighbours, carried goals, the year.
            d.extend(retro::page_fingerprint(site, i).map(|f| Dep::Marker(Marker::Retro, f)));
            // The titles of its related posts and of the other parts of its series.
            d.extend(site.related[i].iter().map(|&r| Dep::Meta(id(r))));
            if let Some((series, _)) = site.series_of(i) {
                d.extend(series.posts.iter().map(|&p| Dep::Meta(id(p))));
            }
            d
        }
        Job::TagFeed(i) => feed_deps(site, &site.tags[i].posts),
        Job::CategoryFeed(i) => feed_deps(site, &site.categories[i].posts),
        Job::Category(i) => {
            let c = &site.categories[i];
            let mut d: Vec<Dep> = c.posts.iter().map(|&p| Dep::Listing(id(p))).collect();
            // Its sub-categories, with their counts.
            d.extend(c.children.iter().map(|&k| {
                let child = &site.categories[k];
                Dep::Marker(
                    Marker::Category,
                    fingerprint(&(&child.path, child.posts.len())),
                )
            }));
            d
        }
        Job::Series(i) => site.series[i]
            .posts
            .iter()
            .map(|&p| Dep::Listing(id(p)))
            .collect(),
        Job::Categories => site
            .posts
            .iter()
            .map(|&i| Dep::Meta(id(i)))
            .chain(
                site.categories
                    .iter()
                    .map(|c| Dep::Marker(Marker::Category, fingerprint(&(&c.path, c.posts.len())))),
            )
            .collect(),
        Job::SeriesList => site
            .series
            .iter()
            .flat_map(|g| {
                std::iter::once(Dep::Marker(Marker::Series, fingerprint(&g.slug)))
                    .chain(g.posts.iter().map(|&i| Dep::Meta(id(i))))
            })
            .collect(),
        Job::Timeline | Job::TimelineJson => Vec::new(),
        Job::Home(n) => {
            let mut d: Vec<Dep> = site
                .home
                .iter()
                .skip((n - 1) * per)
                .take(per)
                .map(|&i| Dep::Listing(id(i)))
                .collect();
            d.push(Dep::Marker(Marker::Pages, site.page_count() as u64));
            d.push(Dep::Marker(Marker::Posts, site.posts.len() as u64));
            d
        }
        Job::Tag(i) => site.tags[i]
            .posts
            .iter()
            .map(|&p| Dep::Listing(id(p)))
            .collect(),
        Job::NotFound | Job::Search => Vec::new(),
        Job::Redirect(i, _) => vec![Dep::Meta(id(i))],
        Job::Tags => site.posts.iter().map(|&i| Dep::Meta(id(i))).collect(),
        Job::Archive => {
            let mut d: Vec<Dep> = site.posts.iter().map(|&i| Dep::Meta(id(i))).collect();
            d.push(Dep::Marker(
                Marker::Calendar,
                retro::calendars_fingerprint(site),
            ));
            d
        }
        Job::Sitemap => {
            let mut d: Vec<Dep> = site
                .posts
                .iter()
                .chain(&site.standalone)
                .map(|&i| Dep::Meta(id(i)))
                .collect();
            d.push(Dep::Marker(
                Marker::Timeline,
                u64::from(!site.retro.is_empty()),
            ));
            d.extend(
                site.categories
                    .iter()
                    .map(|c| Dep::Marker(Marker::Category, fingerprint(&c.path))),
            );
            d.extend(
                site.series
                    .iter()
                    .map(|g| Dep::Marker(Marker::Series, fingerprint(&g.slug))),
            );
            d
        }
        Job::Feed => site
            .posts
            .iter()
            .take(site.config.feed_limit)
            .map(|&i| Dep::Content(id(i)))
            .collect(),
    };
    // `site.retrospectives` and `site.years`: any page may change them.
    // The timeline shows every retrospective; other templates may use the lists.
    let mut mask = template_name(site, job)
        .and_then(|t| site.full_site_templates.get(&t).copied())
        .unwrap_or(0);
    if matches!(job, Job::Timeline | Job::TimelineJson) {
        mask |= templates::USES_RETROSPECTIVES;
    }
    if mask != 0 {
        list.push(Dep::Marker(
            Marker::SiteRetro,
            retro::full_fingerprint(site, mask),
        ));
    }
    Deps(list)
}

/// A feed shows the content of its newest posts.
fn feed_deps(site: &Site, posts: &[usize]) -> Vec<Dep> {
    posts
        .iter()
        .take(site.config.feed_limit)
        .map(|&i| Dep::Content(site.page_id(i)))
        .collect()
}

/// The whole site in memory: every templated output plus the generated extras.
pub fn render_site(site: &Site) -> Result<Vec<OutputFile>, Errors> {
    let files = std::sync::Mutex::new(Vec::new());
    render_site_with(site, |f| {
        files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(f.clone());
        Ok(f.data.len() as u64)
    })?;
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The whole site, each file handed to `write` as soon as it is rendered and then dropped,
/// so a large site never sits in memory whole. Returns the paths written.
pub fn render_site_with(
    site: &Site,
    write: impl Fn(&OutputFile) -> Result<u64, Diagnostic> + Sync,
) -> Result<(Vec<String>, Written), Errors> {
    let templates = {
        let _t = crate::timings::phase("templates");
        Templates::new(site)?
    };
    // Typed, not as JSON values: a value holds every field name and number on the heap
    // (about 11 KB a post against 1.5 KB; 110 MB of a 10,000-post build's peak).
    let summaries: Vec<PageData> = {
        let _t = crate::timings::phase("summaries");
        (0..site.pages.len())
            .into_par_iter()
            .map(|i| context::page_data(site, i, Detail::Listing))
            .collect()
    };
    // Rows with only the fields each template can read: long listings are most of the
    // values a build makes.
    let masks = site.row_masks();
    let mut jobs = jobs(site);
    // Outputs that list the whole site (archive, feed, sitemap) first: each is one long job,
    // and one left for last would keep a core busy while the other waits.
    jobs.sort_by_key(|job| matches!(job, Job::Page(_) | Job::Home(_) | Job::Tag(_)));
    // The search index is built beside the pages: merging the posts into each shard is
    // sequential (the shards themselves run in parallel).
    let (index, results) = rayon::join(
        || {
            let _t = crate::timings::phase("search index");
            search::index_files(site)
        },
        || -> Vec<Result<(String, u64, usize), Diagnostic>> {
            // Small pieces: rayon stops splitting a range after a few halvings unless a
            // thread steals from it, so while the other thread is busy with the search
            // index, this one would take a quarter of the jobs as one piece that the other
            // could not share when it is done (0.8 s of one idle core in a 10,000-post build).
            jobs.par_iter()
                .with_max_len(JOBS_PER_TASK)
                .map(|job| {
                    let file = {
                        let _t = crate::timings::phase("render (threads)");
                        Renderer {
                            site,
                            templates: &templates,
                            summaries: &summaries,
                            masks: &masks,
                        }
                        .render(*job)?
                    };
                    let _t = crate::timings::phase("stage (threads)");
                    let mut n = write(&file)?;
                    let copies = feed_copies(site, &file);
                    for copy in &copies {
                        n += write(copy)?;
                    }
                    recycle(file.data);
                    Ok((file.path, n, copies.len()))
                })
                .collect()
        },
    );
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut paths = Vec::with_capacity(results.len() + 8);
    let mut written = Written::default();
    for r in results {
        match r {
            Ok((path, n, copies)) => {
                paths.push(path);
                written.add(n);
                written.files += copies;
            }
            Err(d) => push_once(&mut errors, d),
        }
    }
    paths.extend(site.feed_copies.iter().cloned());
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let mut rest = {
        let _t = crate::timings::phase("extras");
        extra_files(site)?
    };
    rest.extend(index);
    for file in rest {
        written.add(write(&file)?);
        paths.push(file.path);
    }
    Ok((paths, written))
}

thread_local! {
    /// The largest output buffer this thread has rendered into, written and handed back.
    static SPARE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A buffer to render a page into: the thread's spare one, emptied, or a new one.
fn spare_buffer() -> Vec<u8> {
    let mut data = SPARE.take();
    data.clear();
    data.reserve(32 * 1024);
    data
}

/// Keeps a written page's buffer for the thread's next page. Rendering into memory that was
/// written before costs no page faults: a new buffer for each page, grown to each feed's
/// hundreds of kilobytes, made 460 of a 100-post build's 5,900 page faults.
fn recycle(data: Vec<u8>) {
    SPARE.with_borrow_mut(|spare| {
        if data.capacity() > spare.capacity() {
            *spare = data;
        }
    });
}

/// Keeps one error per template problem: many pages fail the same way.
fn push_once(errors: &mut Vec<Diagnostic>, d: Diagnostic) {
    let key = |m: &str| m.split(" (while").next().unwrap_or("").to_string();
    if !errors
        .iter()
        .any(|e| e.path == d.path && key(&e.message) == key(&d.message))
    {
        errors.push(d);
    }
}

/// Renders the given jobs in parallel. Errors from many pages with the same template
/// problem are reported once.
pub fn render_jobs(
    site: &Site,
    templates: &Templates,
    summaries: &[Value],
    jobs: &[Job],
) -> Result<Vec<OutputFile>, Errors> {
    let r = Renderer {
        site,
        templates,
        summaries,
        masks: &RowMasks::every_field(),
    };
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .with_max_len(JOBS_PER_TASK)
        .map(|job| r.render(*job))
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut errors: Vec<Diagnostic> = Vec::new();
    for result in results {
        match result {
            Ok(f) => {
                files.extend(feed_copies(site, &f));
                files.push(f);
            }
            Err(d) => push_once(&mut errors, d),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(Errors(errors))
    }
}

/// The site's feed again where a Jekyll site's own feed template published it
/// ([`Site::feed_copies`]), when `file` is the feed; otherwise nothing.
fn feed_copies(site: &Site, file: &OutputFile) -> Vec<OutputFile> {
    if file.path != "feed.xml" {
        return Vec::new();
    }
    site.feed_copies
        .iter()
        .map(|path| OutputFile {
            path: path.clone(),
            data: file.data.clone(),
        })
        .collect()
}

/// Files the build writes besides the templates.
pub fn extra_files(site: &Site) -> Result<Vec<OutputFile>, Errors> {
    let config = &site.config;
    let mut files = Vec::new();
    if !site.has_own_robots_txt() {
        files.push(OutputFile {
            path: ROBOTS_TXT.into(),
            data: robots(site).into_bytes(),
        });
    }
    let css = site
        .highlight_stylesheet()
        .map_err(|msg| Diagnostic::new("config.toml", msg))?;
    files.push(OutputFile {
        path: "css/syntax.css".into(),
        data: css.into_bytes(),
    });
    files.push(OutputFile {
        path: ".nojekyll".into(),
        data: Vec::new(),
    });
    // A Jekyll theme's list pages, where they were: to hoego's own lists.
    files.extend(
        site.list_redirects
            .iter()
            .chain(&site.pagination_redirects)
            .map(|(out, list)| OutputFile {
                path: out.clone(),
                data: super::redirects::html(&site.base.absolute(list)).into_bytes(),
            }),
    );
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
    Ok(files)
}

#[derive(Serialize)]
struct Paginator<R> {
    posts: Vec<R>,
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
    /// The tag's Atom feed.
    feed_url: String,
}

/// A category as `categories.html` and `category.html` see it.
#[derive(Serialize)]
struct CategoryData {
    name: String,
    path: String,
    /// With its parents: `개발 › Rust`.
    title: String,
    url: String,
    feed_url: String,
    count: usize,
    depth: usize,
    parents: Vec<context::Link>,
    children: Vec<CategoryData>,
}

#[derive(Serialize)]
struct SeriesData<R> {
    name: String,
    slug: String,
    url: String,
    count: usize,
    /// The date of its newest part.
    updated: String,
    first: Option<context::Link>,
    /// In reading order (on `series.html`).
    posts: Vec<R>,
}

#[derive(Serialize)]
struct Year<R> {
    year: i16,
    posts: Vec<R>,
}

#[derive(Serialize)]
struct SitemapEntry {
    permalink: String,
    lastmod: String,
}

/// Renders jobs. `S` is a page as listings show it: the serialized summaries `serve` keeps
/// and compares, or [`PageData`] itself in a one-off build (about a tenth of the memory).
struct Renderer<'a, S> {
    site: &'a Site,
    templates: &'a Templates,
    summaries: &'a [S],
    /// The fields rows carry into each template.
    masks: &'a RowMasks,
}

impl<S: Listed> Renderer<'_, S> {
    /// The posts at `indexes` as rows of a listing in `template`.
    fn rows<'s>(&'s self, indexes: &[usize], template: &str) -> Vec<S::Row<'s>> {
        let keep = self.masks.get(template);
        indexes
            .iter()
            .map(|&i| self.summaries[i].row(keep))
            .collect()
    }

    fn render(&self, job: Job) -> Result<OutputFile, Diagnostic> {
        let site = self.site;
        let path = output_path(site, job);
        // A page with `redirect_to` (jekyll-redirect-from) is only a redirect.
        let redirect = match job {
            Job::Page(i) => site.pages[i]
                .front
                .extra
                .get("redirect_to")
                .and_then(Value::as_str)
                .map(String::from),
            _ => None,
        };
        if let Some(target) = redirect {
            return Ok(OutputFile {
                path,
                data: super::redirects::html(&target).into_bytes(),
            });
        }
        if job == Job::TimelineJson {
            return Ok(OutputFile {
                path,
                data: timeline::json(site),
            });
        }
        let mut ctx = Context::new();
        let (template, what): (String, String) = match job {
            Job::Page(i) => {
                let page = &site.pages[i];
                let data: PageData = context::page_data(site, i, Detail::Full);
                ctx.insert("json_ld", &structured::page(site, i, &data));
                ctx.insert("page", &data);
                ctx.insert("current_path", &data.url);
                (page_template(site, i), page.source.display().to_string())
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
                let start = ((n - 1) * per).min(site.home.len());
                let end = (start + per).min(site.home.len());
                let paginator = Paginator {
                    posts: self.rows(&site.home[start..end], "index.html"),
                    current: n,
                    total_pages: total,
                    total_posts: site.posts.len(),
                    previous_url: if n > 1 { url(n - 1) } else { String::new() },
                    next_url: if n < total { url(n + 1) } else { String::new() },
                    first_url: url(1),
                    last_url: url(total),
                };
                ctx.insert("paginator", &paginator);
                ctx.insert("current_path", &url(n));
                if n == 1 {
                    ctx.insert("json_ld", &structured::website(site));
                }
                ("index.html".into(), format!("page {n} of the home page"))
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
                        feed_url: self.tag_feed(&t.slug),
                    })
                    .collect();
                tags.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.slug.cmp(b.slug)));
                ctx.insert("tags", &tags);
                ctx.insert("current_path", &site.base.href(&format!("/{TAGS_DIR}/")));
                ("tags.html".into(), "the tag index".into())
            }
            Job::Tag(i) => {
                let t = &site.tags[i];
                let url = self.tag_url(&t.slug);
                ctx.insert(
                    "tag",
                    &TagSummary {
                        name: &t.name,
                        slug: &t.slug,
                        url: url.clone(),
                        count: t.posts.len(),
                        feed_url: self.tag_feed(&t.slug),
                    },
                );
                ctx.insert("posts", &self.rows(&t.posts, "tag.html"));
                ctx.insert("current_path", &url);
                ("tag.html".into(), format!("the page of tag `{}`", t.name))
            }
            Job::Archive => {
                let mut years: BTreeMap<i16, Vec<usize>> = BTreeMap::new();
                for &i in &site.posts {
                    if let Some(d) = &site.pages[i].date {
                        years.entry(d.year()).or_default().push(i);
                    }
                }
                let years: Vec<Year<S::Row<'_>>> = years
                    .into_iter()
                    .rev()
                    .map(|(year, posts)| Year {
                        year,
                        posts: self.rows(&posts, "archive.html"),
                    })
                    .collect();
                ctx.insert("years", &years);
                ctx.insert("calendars", &retro::calendars(site));
                ctx.insert("current_path", &site.base.href(&format!("/{ARCHIVE_DIR}/")));
                ("archive.html".into(), "the archive".into())
            }
            Job::NotFound => {
                ctx.insert("current_path", &site.base.href("/404.html"));
                ("404.html".into(), "the 404 page".into())
            }
            Job::Feed => {
                self.feed(
                    &mut ctx,
                    &site.posts,
                    "/feed.xml",
                    site.config.title.clone(),
                    "/",
                );
                ("feed.xml".into(), "the Atom feed".into())
            }
            Job::TagFeed(i) => {
                let t = &site.tags[i];
                let dir = format!("/{TAGS_DIR}/{}/", t.slug);
                let title = format!("{} · #{}", site.config.title, t.name);
                self.feed(
                    &mut ctx,
                    &t.posts,
                    &format!("{dir}{FEED_FILE}"),
                    title,
                    &dir,
                );
                ("feed.xml".into(), format!("the feed of tag `{}`", t.name))
            }
            Job::CategoryFeed(i) => {
                let c = &site.categories[i];
                let dir = format!("/{}/", categories::dir(c));
                let title = format!("{} · {}", site.config.title, self.category_trail(c));
                self.feed(
                    &mut ctx,
                    &c.posts,
                    &format!("{dir}{FEED_FILE}"),
                    title,
                    &dir,
                );
                (
                    "feed.xml".into(),
                    format!("the feed of category `{}`", c.path),
                )
            }
            Job::Categories => {
                let top: Vec<CategoryData> = site
                    .categories
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.parent.is_none())
                    .map(|(k, _)| self.category_data(k, true))
                    .collect();
                ctx.insert("categories", &top);
                ctx.insert(
                    "current_path",
                    &site.base.href(&format!("/{CATEGORIES_DIR}/")),
                );
                ("categories.html".into(), "the category index".into())
            }
            Job::Category(i) => {
                let c = &site.categories[i];
                let data = self.category_data(i, false);
                ctx.insert("current_path", &data.url);
                ctx.insert("category", &data);
                ctx.insert("posts", &self.rows(&c.posts, "category.html"));
                (
                    "category.html".into(),
                    format!("the page of category `{}`", c.path),
                )
            }
            Job::SeriesList => {
                let list: Vec<SeriesData<S::Row<'_>>> = (0..site.series.len())
                    .map(|k| self.series_data(k, false))
                    .collect();
                ctx.insert("series_list", &list);
                ctx.insert("current_path", &site.base.href(&format!("/{SERIES_DIR}/")));
                ("series_list.html".into(), "the series index".into())
            }
            Job::Series(i) => {
                let data = self.series_data(i, true);
                ctx.insert("current_path", &data.url);
                ctx.insert("series", &data);
                (
                    "series.html".into(),
                    format!("the page of series `{}`", site.series[i].name),
                )
            }
            Job::Sitemap => {
                ctx.insert("entries", &sitemap_entries(site));
                ctx.insert("current_path", &site.base.href("/sitemap.xml"));
                ("sitemap.xml".into(), "the sitemap".into())
            }
            Job::Search => {
                ctx.insert("current_path", &site.base.href("/search/"));
                ("search.html".into(), "the search page".into())
            }
            // An old URL: no template.
            Job::Redirect(i, _) => {
                let target = site.base.absolute(&site.pages[i].path);
                return Ok(OutputFile {
                    path,
                    data: super::redirects::html(&target).into_bytes(),
                });
            }
            Job::Timeline | Job::TimelineJson => {
                ctx.insert("retrospectives", retro::summaries(site));
                ctx.insert("charts", &timeline::charts(site));
                ctx.insert("list_html", &timeline::list_html(site));
                ctx.insert(
                    "current_path",
                    &site.base.href(&format!("/{TIMELINE_DIR}/")),
                );
                (
                    "retrospectives.html".into(),
                    "the timeline of retrospectives".into(),
                )
            }
        };
        let (shared, kind) = self.templates.context_for(&template);
        // Into bytes directly: `Tera::render` would check the whole page is UTF-8 again.
        let mut data = spare_buffer();
        let rendered = context_pool::with_page(shared, kind, ctx, |full| {
            self.templates.tera.render_to(&template, full, &mut data)
        });
        match rendered {
            Ok(()) => Ok(OutputFile { path, data }),
            Err(e) => Err(templates::template_error(&site.theme, &e, Some(&what))),
        }
    }

    fn tag_url(&self, slug: &str) -> String {
        self.site.base.href(&format!("/{TAGS_DIR}/{slug}/"))
    }

    fn tag_feed(&self, slug: &str) -> String {
        self.site
            .base
            .absolute(&format!("/{TAGS_DIR}/{slug}/{FEED_FILE}"))
    }

    /// The context of an Atom feed of `posts` (newest first), written at `path` and standing
    /// for the HTML page at `home`.
    fn feed(&self, ctx: &mut Context, posts: &[usize], path: &str, title: String, home: &str) {
        let site = self.site;
        let recent = &posts[..posts.len().min(site.config.feed_limit)];
        let entries: Vec<PageData> = recent
            .iter()
            .map(|&i| context::page_data(site, i, Detail::Feed))
            .collect();
        let updated = recent
            .iter()
            .filter_map(|&i| {
                let p = &site.pages[i];
                p.updated.as_ref().or(p.date.as_ref())
            })
            .max()
            .map(rfc3339)
            .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
        // Only the fields the feed template reads: the rest of a post's data (its table of
        // contents, related posts, retrospective) would be copied into every feed it is in.
        let keep = self.masks.get("feed.xml");
        let rows: Vec<Row> = entries.iter().map(|d| d.row(keep)).collect();
        ctx.insert("posts", &rows);
        ctx.insert("updated", &updated);
        ctx.insert("feed_url", &site.base.absolute(path));
        ctx.insert("feed_title", &title);
        ctx.insert("feed_home", &site.base.absolute(home));
        ctx.insert("current_path", &site.base.href(path));
    }

    /// `개발 › Rust`: a category with its parents.
    fn category_trail(&self, c: &CategoryGroup) -> String {
        let mut names = vec![c.name.as_str()];
        let mut at = c.parent;
        while let Some(p) = at {
            names.push(&self.site.categories[p].name);
            at = self.site.categories[p].parent;
        }
        names.reverse();
        names.join(" › ")
    }

    fn category_data(&self, k: usize, nested: bool) -> CategoryData {
        let site = self.site;
        let c = &site.categories[k];
        let dir = format!("/{}/", categories::dir(c));
        let mut parents = Vec::new();
        let mut at = c.parent;
        while let Some(p) = at {
            let pc = &site.categories[p];
            parents.push(context::Link {
                title: pc.name.clone(),
                url: site.base.href(&format!("/{}/", categories::dir(pc))),
            });
            at = pc.parent;
        }
        parents.reverse();
        CategoryData {
            name: c.name.clone(),
            path: c.path.clone(),
            title: self.category_trail(c),
            url: site.base.href(&dir),
            feed_url: site.base.absolute(&format!("{dir}{FEED_FILE}")),
            count: c.posts.len(),
            depth: c.depth(),
            parents,
            children: c
                .children
                .iter()
                .map(|&child| {
                    if nested {
                        self.category_data(child, true)
                    } else {
                        let g = &site.categories[child];
                        CategoryData {
                            name: g.name.clone(),
                            path: g.path.clone(),
                            title: self.category_trail(g),
                            url: site.base.href(&format!("/{}/", categories::dir(g))),
                            feed_url: String::new(),
                            count: g.posts.len(),
                            depth: g.depth(),
                            parents: Vec::new(),
                            children: Vec::new(),
                        }
                    }
                })
                .collect(),
        }
    }

    fn series_data(&self, k: usize, with_posts: bool) -> SeriesData<S::Row<'_>> {
        let site = self.site;
        let g = &site.series[k];
        let latest = g
            .posts
            .iter()
            .filter_map(|&i| site.pages[i].date.as_ref())
            .max()
            .map(rfc3339)
            .unwrap_or_default();
        SeriesData {
            name: g.name.clone(),
            slug: g.slug.clone(),
            url: site.base.href(&format!("/{SERIES_DIR}/{}/", g.slug)),
            count: g.posts.len(),
            updated: latest,
            first: g.posts.first().map(|&i| context::Link {
                title: site.pages[i].title.clone(),
                url: site.base.href(&site.pages[i].path),
            }),
            posts: if with_posts {
                self.rows(&g.posts, "series.html")
            } else {
                Vec::new()
            },
        }
    }
}

/// Templates of the pages the build makes itself and the parts they share: never a page's
/// own `layout:` (a Jekyll page with `layout: archive` is a page, not the archive, whose
/// template needs the build's list of years).
const NOT_A_LAYOUT: &[&str] = &[
    "index.html",
    "tags.html",
    "tag.html",
    "archive.html",
    "404.html",
    "feed.xml",
    "sitemap.xml",
    "search.html",
    "retrospectives.html",
    "categories.html",
    "category.html",
    "series_list.html",
    "series.html",
    "base.html",
    "macros.html",
    "retro_macros.html",
    "analytics.html",
];

/// `layout:` (Jekyll) or `template:` (Zola) when the theme has it and it is a page's
/// template, else by kind.
fn page_template(site: &Site, i: usize) -> String {
    let page = &site.pages[i];
    let default = if page.kind == Kind::Post {
        "post.html"
    } else {
        "page.html"
    };
    let wanted = page.front.layout.as_deref().or(page
        .front
        .extra
        .get("template")
        .and_then(Value::as_str));
    wanted
        .map(|l| {
            if l.ends_with(".html") {
                l.to_string()
            } else {
                format!("{l}.html")
            }
        })
        .filter(|t| site.theme.templates.contains_key(t) && !NOT_A_LAYOUT.contains(&t.as_str()))
        .unwrap_or_else(|| default.to_string())
}

fn sitemap_entries(site: &Site) -> Vec<SitemapEntry> {
    let entry = |path: &str| SitemapEntry {
        permalink: site.base.absolute(path),
        lastmod: String::new(),
    };
    let mut entries = vec![entry("/")];
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
    entries.push(entry(&format!("/{ARCHIVE_DIR}/")));
    entries.push(entry(&format!("/{TAGS_DIR}/")));
    if !site.retro.is_empty() && site.theme.templates.contains_key("retrospectives.html") {
        entries.push(entry(&format!("/{TIMELINE_DIR}/")));
    }
    for t in &site.tags {
        entries.push(entry(&format!("/{TAGS_DIR}/{}/", t.slug)));
    }
    if has_categories_pages(site) {
        entries.push(entry(&format!("/{CATEGORIES_DIR}/")));
        for c in &site.categories {
            entries.push(entry(&format!("/{}/", categories::dir(c))));
        }
    }
    if has_series_pages(site) {
        entries.push(entry(&format!("/{SERIES_DIR}/")));
        for g in &site.series {
            entries.push(entry(&format!("/{SERIES_DIR}/{}/", g.slug)));
        }
    }
    entries
}

fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.base.absolute("/sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_buffer_is_rendered_into_again_empty() {
        let mut page = Vec::with_capacity(1 << 20);
        page.extend_from_slice(b"<p>the last page</p>");
        let at = page.as_ptr();
        recycle(page);
        // A smaller buffer does not replace the larger one.
        recycle(Vec::with_capacity(16));
        let next = spare_buffer();
        assert!(next.is_empty());
        assert_eq!(next.as_ptr(), at, "the same memory");
        assert!(next.capacity() >= 1 << 20);
        // Taken: the next page on this thread starts a buffer of its own.
        let other = spare_buffer();
        assert_ne!(other.as_ptr(), at);
    }

    #[test]
    fn no_template_the_build_renders_for_itself_is_a_pages_layout() {
        // The example blog has every kind of list: tags, categories, series, the timeline.
        let site = Site::load(&super::super::BuildOptions {
            root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            base_url: None,
            drafts: false,
            future: false,
        })
        .unwrap();
        let own: std::collections::BTreeSet<String> = jobs(&site)
            .into_iter()
            .filter(|j| !matches!(j, Job::Page(_)))
            .filter_map(|j| template_name(&site, j))
            .collect();
        assert!(own.len() >= 12, "{own:?}");
        for t in &own {
            assert!(NOT_A_LAYOUT.contains(&t.as_str()), "{t} can be a layout");
        }
    }
}
