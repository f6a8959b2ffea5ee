//! Assemble: give every page its URL, refuse collisions, render Markdown in parallel, and
//! group posts into listings (newest first), tags and years.

pub mod beside;
pub mod categories;
pub mod collisions;
pub mod context;
mod context_pool;
mod escape_memo;
pub mod links;
pub mod liquid_pass;
pub mod permalink;
pub mod redirects;
pub mod related;
mod related_rank;
pub mod render;
pub mod retro;
pub mod retro_calendar;
pub mod retro_fingerprint;
pub mod retro_html;
pub mod row;
pub mod row_fields;
mod search_posts;
pub mod series;
pub mod structured;
mod template_ast;
pub mod template_cycles;
pub mod templates;
pub mod timeline;
pub mod update;
mod xml_text;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Config, JekyllSettings};
use crate::content::slug::{encode_path, slugify};
use crate::content::{self, Kind, LoadOptions, Page, StaticFile};
use crate::error::{Diagnostic, Errors};
use crate::markdown::{self, Extras, RenderOptions, highlight::Highlighter, highlight_cache};
use crate::output::confine;
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

    /// Whether the base URL names a host (`https://host/…`), so that [`Base::absolute`]
    /// gives full URLs.
    pub fn has_host(&self) -> bool {
        self.url
            .split_once("://")
            .is_some_and(|(_, rest)| !rest.starts_with('/'))
    }

    /// The one-line warning for a base URL without a host, whose absolute links (feed, sitemap,
    /// robots.txt, canonical, og:*) come out relative. `None` when it has one.
    pub fn relative_warning(&self, configured: &str) -> Option<String> {
        (!self.has_host()).then(|| {
            format!(
                "warning: base_url {configured:?} has no host: feed.xml, sitemap.xml, robots.txt \
                 and og:image links will be relative, and pages get no canonical or og:url \
                 link; set base_url = \"https://…/\" in config.toml or pass --base-url"
            )
        })
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
    /// Categories as a tree, parents before children.
    pub categories: Vec<categories::CategoryGroup>,
    /// Series, by slug, and each page's series and place in it.
    pub series: Vec<series::SeriesGroup>,
    series_place: Vec<Option<(usize, usize)>>,
    /// Related posts of each page, by page index.
    pub related: Vec<Vec<usize>>,
    /// Posts in home-page order: pinned ones first, then the rest, each newest first.
    pub home: Vec<usize>,
    pub statics: Vec<StaticFile>,
    /// Problems that do not stop the build, found while loading (see [`Site::warnings`]).
    pub load_warnings: Vec<Diagnostic>,
    /// Of each page's Markdown (and its front matter), replaced when it renders again.
    markdown_warnings: Vec<Diagnostic>,
    /// Pages that wanted the URL of another and were given a suffixed one: `--strict` and
    /// `hoego check` fail on them.
    pub collisions: Vec<Diagnostic>,
    /// Where a Jekyll theme's list pages were (Chirpy's `/archives/`), each an output file
    /// and the path of hoego's own list it now sends the browser to.
    pub list_redirects: Vec<(String, String)>,
    /// Where jekyll-paginate put the home page's pages 2, 3, … (`/page2/`), each an output
    /// file and hoego's page it sends the browser to (`/page/2/`).
    pub pagination_redirects: Vec<(String, String)>,
    /// Where a Jekyll site's own feed template published its feed (`atom.xml`): hoego's
    /// feed is written there too ([`crate::jekyll::feeds`]).
    pub feed_copies: Vec<String>,
    /// Pages that are one another's translations (jekyll-polyglot), by page index.
    translations: Vec<Vec<usize>>,
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
    /// Every name the theme's templates mention ([`templates::mentioned_names`]).
    pub mentioned_names: Option<HashSet<String>>,
    /// What Markdown links and Liquid resolve against (every page's URL, the files copied),
    /// kept for `serve` while no URL changes; see [`Site::forget_links`].
    links: Option<std::sync::Arc<Links>>,
    /// [`render::page_id`] of every page, in the order of `pages`.
    page_ids: Vec<u64>,
    /// Whether pages keep their Markdown once rendered (`serve` re-renders them).
    keep_sources: bool,
    /// The theme's templates and what else depends on the theme and config alone, made
    /// beside the Markdown in a one-off build.
    pub beside: beside::Beside,
}

/// The link targets of the whole site, built once per set of URLs.
struct Links {
    map: LinkMap,
    liquid: Option<liquid_pass::LiquidPass>,
}

/// The last good version of the page loaded from a source file (relative to the root), for
/// `serve` to keep while the file does not load.
pub type Fallback<'a> = &'a dyn Fn(&std::path::Path) -> Option<Page>;

pub const PAGINATION_DIR: &str = "page";
/// Sites of at least this many pages keep their rendered HTML compressed in memory during a
/// build: see BENCHMARKS.md ("Memory").
pub const PACK_HTML_PAGES: usize = 20_000;
pub const TAGS_DIR: &str = "tags";
pub const ARCHIVE_DIR: &str = "archive";
/// Written by the build unless the site has its own ([`Site::has_own_robots_txt`]).
pub const ROBOTS_TXT: &str = "robots.txt";

impl Site {
    /// Reads config, theme and content and renders all Markdown: everything short of templates.
    pub fn load(opts: &BuildOptions) -> Result<Site, Errors> {
        Site::load_with(opts, None).map(|(site, _)| site)
    }

    /// Like [`Site::load`]; with a `fallback` (`serve` keeping the last good version of each
    /// page), a file that no longer loads, or whose URL became invalid, is replaced by the
    /// page `fallback` gives for its source, and its errors are returned beside the site
    /// instead of failing the whole load.
    pub fn load_with(
        opts: &BuildOptions,
        fallback: Option<Fallback>,
    ) -> Result<(Site, Vec<Diagnostic>), Errors> {
        Site::load_inner(opts, fallback, true)
    }

    /// [`Site::load`] for one build: each page's Markdown is freed as soon as it is
    /// rendered, which lowers the peak memory of a large build by the size of the sources.
    pub fn load_once(opts: &BuildOptions) -> Result<Site, Errors> {
        Site::load_inner(opts, None, false).map(|(site, _)| site)
    }

    fn load_inner(
        opts: &BuildOptions,
        fallback: Option<Fallback>,
        keep: bool,
    ) -> Result<(Site, Vec<Diagnostic>), Errors> {
        let root = &opts.root;
        let mut config = Config::load(root)?;
        if let Some(url) = &opts.base_url {
            crate::config::check_base_url(url).map_err(|why| Diagnostic::new("--base-url", why))?;
            config.base_url = url.clone();
        }
        let base = Base::new(&config.base_url);
        let theme = {
            let _t = crate::timings::phase("theme");
            Theme::resolve(root, &config)
        };
        let labels = crate::i18n::labels(&config.language, &config.labels);
        // A one-off build parses the templates (and makes what else depends on the theme
        // and config alone) while the content loads; `serve` makes each as it needs it.
        let beside = match &theme {
            Ok(theme) if !keep => beside::Beside::start(theme, &base, &config, &labels),
            _ => beside::Beside::default(),
        };
        let load_opts = LoadOptions {
            drafts: opts.drafts,
            future: opts.future || config.jekyll.as_ref().is_some_and(|j| j.future),
            now: jiff::Timestamp::now(),
        };
        let content = {
            let _t = crate::timings::phase("read");
            content::load_all(root, &config, &load_opts)
        };
        let (theme, mut content, mut held) = match (theme, content) {
            (Ok(t), Ok((c, e))) if e.is_empty() || fallback.is_some() => (t, c, e),
            (t, c) => {
                let mut errors = Vec::new();
                if let Err(e) = t {
                    errors.extend(e.0);
                }
                match c {
                    Err(e) => errors.extend(e.0),
                    Ok((_, e)) => errors.extend(e),
                }
                return Err(Errors(errors));
            }
        };
        if let Some(fallback) = fallback {
            let mut failed: Vec<&std::path::Path> = held.iter().map(|d| d.path.as_path()).collect();
            failed.dedup();
            content
                .pages
                .extend(failed.into_iter().filter_map(fallback));
            content.pages.sort_by(|a, b| a.source.cmp(&b.source));
        }
        let full_site_templates = templates::using_full_site(&theme);
        let mentioned_names = templates::mentioned_names(&theme);
        let mut site = Site {
            root: root.clone(),
            labels,
            retro: retro::Retros::default(),
            full_site_templates,
            mentioned_names,
            config,
            base,
            theme,
            pages: content.pages,
            posts: Vec::new(),
            post_position: Vec::new(),
            standalone: Vec::new(),
            tags: Vec::new(),
            categories: Vec::new(),
            series: Vec::new(),
            series_place: Vec::new(),
            related: Vec::new(),
            home: Vec::new(),
            statics: content.statics,
            load_warnings: content.warnings,
            markdown_warnings: Vec::new(),
            collisions: Vec::new(),
            list_redirects: Vec::new(),
            pagination_redirects: Vec::new(),
            feed_copies: Vec::new(),
            translations: Vec::new(),
            skipped: content.skipped,
            highlighter: Highlighter::with_cache(highlight_cache::default_path(root)),
            links: None,
            page_ids: Vec::new(),
            keep_sources: keep,
            beside,
        };
        let bad_urls = {
            let _t = crate::timings::phase("urls");
            site.assign_urls()
        };
        if !bad_urls.is_empty() {
            let Some(fallback) = fallback else {
                return Err(Errors(bad_urls.into_iter().map(|(_, d)| d).collect()));
            };
            for (i, d) in bad_urls.into_iter().rev() {
                let old = fallback(&site.pages[i].source);
                match old.map(|p| (site.url_of(&p), p)) {
                    Some((Ok((path, output)), mut page)) => {
                        page.path = path;
                        page.output = output;
                        site.pages[i] = page;
                    }
                    _ => {
                        site.pages.remove(i);
                    }
                }
                held.push(d);
            }
        }
        if site.config.jekyll.is_some() {
            site.feed_copies = crate::jekyll::feeds::old_feed_paths(root);
        }
        site.leave_out_jekyll_pages_at_generated();
        let bad_redirects = site.assign_redirects();
        if !bad_redirects.is_empty() {
            if fallback.is_none() {
                return Err(Errors(bad_redirects));
            }
            held.extend(bad_redirects);
        }
        {
            let _t = crate::timings::phase("group");
            site.group();
        }
        {
            let _t = crate::timings::phase("collisions");
            site.check_collisions()?;
        }
        {
            let _t = crate::timings::phase("markdown");
            site.render_markdown(|_| true);
        }
        {
            let _t = crate::timings::phase("retrospectives");
            site.index_retrospectives();
        }
        site.highlighter.save_cache();
        Ok((site, held))
    }

    /// Chains the retrospectives found while rendering and sums up the years: after every
    /// change to pages.
    pub fn index_retrospectives(&mut self) {
        let index = crate::retro::Index::build(
            &self.pages,
            &self.posts,
            Some(&self.retro.index.carried_memo),
        );
        let links = index
            .order
            .par_iter()
            .filter_map(|&i| retro::make_link(self, i).map(|l| (i, l)))
            .collect();
        self.retro = retro::Retros::new(index, links);
    }

    /// [`Site::index_retrospectives`] after the text of the `changed` pages changed and
    /// nothing that places them did (`serve`'s common edit): the chain is kept and only what
    /// the changed pages feed is redone, when [`retro::Index::refresh`] says that is enough.
    pub fn refresh_retrospectives(&mut self, changed: &[usize]) {
        let old = std::mem::take(&mut self.retro);
        let mut known = old.entry_hashes();
        let retro::Retros {
            mut index,
            mut links,
            ..
        } = old;
        if !index.refresh(&self.pages, &self.posts, changed) {
            self.retro = retro::Retros::new(index, links);
            self.index_retrospectives();
            return;
        }
        // What changed: the pages, and the goals carried out of them into the next ones.
        for &i in changed {
            known.remove(&i);
            if let Some(next) = index.places.get(&i).and_then(|p| p.next) {
                known.remove(&next);
            }
        }
        for &i in changed {
            match retro::make_link(self, i) {
                Some(l) => {
                    links.insert(i, l);
                }
                None => {
                    links.remove(&i);
                }
            }
        }
        self.retro = retro::Retros::new(index, links).with_known(known);
    }

    /// Gives every page its URL and output file; see [`Site::url_of`]. Returns the pages
    /// whose URL is invalid, by index, with the error.
    fn assign_urls(&mut self) -> Vec<(usize, Diagnostic)> {
        let mut errors = Vec::new();
        for i in 0..self.pages.len() {
            match self.url_of(&self.pages[i]) {
                Ok((path, output)) => {
                    let page = &mut self.pages[i];
                    page.path = path;
                    page.output = output;
                }
                Err(d) => errors.push((i, d)),
            }
        }
        errors
    }

    /// A page's site path and output file, from its `permalink`, the config's pattern or its
    /// place under `content/`. `..` is resolved lexically; a path that would climb out of the
    /// output folder, or a name no file system takes, is an error naming the page and the
    /// line that made it.
    pub fn url_of(&self, page: &Page) -> Result<(String, String), Diagnostic> {
        let jekyll = self.config.jekyll.as_ref();
        let (raw, origin) = match (&page.front.permalink, page.kind) {
            (Some(p), _) => (
                permalink::expand(p, &fields(page, jekyll)),
                "its `permalink`",
            ),
            (None, Kind::Post) => (
                permalink::expand(&self.config.permalink, &fields(page, jekyll)),
                "`permalink` in the site's config",
            ),
            (None, Kind::Page) if jekyll.is_some() && page.jekyll_folder => {
                (self.jekyll_page_path(page), "its place in the site")
            }
            (None, Kind::Page) => (page_path(page), "its place under content/"),
        };
        let fail = |why: String| {
            let line = page
                .front
                .line("permalink")
                .or_else(|| page.front.line("slug"));
            let d = Diagnostic::new(&page.source, format!("bad URL from {origin}: {why}"));
            match line {
                Some(l) => d.at(l, None),
                None => d,
            }
        };
        let mut path = confine::resolve_site_path(&raw).map_err(fail)?;
        if let Some(lang) = self.polyglot_prefix(page) {
            path = format!("/{lang}{path}");
        }
        let (path, output) = if jekyll.is_some() {
            permalink::output_file_jekyll(&path)
        } else {
            permalink::output_file(&path)
        };
        confine::check_rel(&output).map_err(fail)?;
        Ok((path, output))
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
        self.page_ids = self
            .pages
            .iter()
            .map(|p| render::page_id(&p.source))
            .collect();
        self.post_position = vec![usize::MAX; self.pages.len()];
        for (pos, &i) in posts.iter().enumerate() {
            self.post_position[i] = pos;
        }
        self.categories = categories::group(&self.pages, &posts);
        (self.series, self.series_place) = series::group(&self.pages, &posts);
        self.home = posts
            .iter()
            .filter(|&&i| self.pages[i].front.pin)
            .chain(posts.iter().filter(|&&i| !self.pages[i].front.pin))
            .copied()
            .collect();
        self.posts = posts;
        self.standalone = standalone;
        self.tags = tags.into_values().collect();
        self.related = {
            let _t = crate::timings::phase("related posts");
            related::compute(
                self.pages.len(),
                &self.post_position,
                &self.tags,
                &self.categories,
                self.config.related_posts,
            )
        };
        self.group_translations();
    }

    /// The series a page is in and its place there (0-based).
    pub fn series_of(&self, index: usize) -> Option<(&series::SeriesGroup, usize)> {
        let (g, k) = (*self.series_place.get(index)?)?;
        Some((&self.series[g], k))
    }

    /// Where Jekyll puts a page or a collection's document that has no `permalink`.
    fn jekyll_page_path(&self, page: &Page) -> String {
        use crate::jekyll::pages;
        let stem = page
            .source
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("");
        let collections = self
            .config
            .jekyll
            .as_ref()
            .map(|j| j.collections.as_slice())
            .unwrap_or_default();
        let style = &self.config.permalink;
        match pages::collection_of(&page.content_dir, collections) {
            Some(c) => permalink::document(c, &page.content_dir, stem, &page.file_slug, style),
            None => pages::page_path(&page.content_dir, stem, style),
        }
    }

    /// Whether a standalone page is in the menu: not a Jekyll collection's document, except
    /// Chirpy's tabs ([`crate::jekyll::pages::in_menu`]).
    pub fn in_menu(&self, page: &Page) -> bool {
        match &self.config.jekyll {
            Some(j) if page.jekyll_folder => {
                crate::jekyll::pages::in_menu(&page.content_dir, &j.collections)
            }
            _ => true,
        }
    }

    /// jekyll-polyglot: the language a page is published under (`/en/…`), when the site
    /// lists its languages and the page is in one that is not the default.
    fn polyglot_prefix<'p>(&self, page: &'p Page) -> Option<&'p str> {
        let j = self.config.jekyll.as_ref()?;
        let lang = page.front.lang.as_deref()?;
        let default = j.default_lang.as_deref().unwrap_or(&self.config.language);
        (lang != default && j.languages.iter().any(|l| l == lang)).then_some(lang)
    }

    /// The URL of a page without its language prefix (jekyll-polyglot).
    fn bare_path<'p>(&self, page: &'p Page) -> &'p str {
        match self.polyglot_prefix(page) {
            Some(l) => page.path.get(l.len() + 1..).unwrap_or(&page.path),
            None => &page.path,
        }
    }

    /// Groups the pages of a multilingual site (jekyll-polyglot `languages`) by their URL
    /// without the language prefix.
    fn group_translations(&mut self) {
        self.translations.clear();
        if self
            .config
            .jekyll
            .as_ref()
            .is_none_or(|j| j.languages.is_empty())
        {
            return;
        }
        let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in self.pages.iter().enumerate() {
            groups
                .entry(self.bare_path(p).to_string())
                .or_default()
                .push(i);
        }
        self.translations = groups.into_values().filter(|g| g.len() > 1).collect();
    }

    /// The other languages of a page (jekyll-polyglot), by page index.
    pub fn translations(&self, index: usize) -> Vec<usize> {
        self.translations
            .iter()
            .find(|g| g.contains(&index))
            .map(|g| g.iter().copied().filter(|&i| i != index).collect())
            .unwrap_or_default()
    }

    /// Every warning of the site as it is now, by file and line.
    pub fn warnings(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self
            .load_warnings
            .iter()
            .chain(&self.markdown_warnings)
            .chain(&self.collisions)
            .collect();
        all.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        all.dedup();
        all
    }

    /// Frees the Markdown sources once rendered: a one-off build needs only the HTML
    /// (`serve` keeps them to re-render pages whose links may have moved).
    pub fn drop_sources(&mut self) {
        for page in &mut self.pages {
            page.body = String::new();
        }
    }

    /// The id of a page in `serve`'s dependencies: [`render::page_id`] of its source.
    pub fn page_id(&self, index: usize) -> u64 {
        match self.page_ids.get(index) {
            Some(&id) => id,
            None => render::page_id(&self.pages[index].source),
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

    /// Drops the link targets kept by [`Site::render_markdown`]: after any change to URLs,
    /// the files copied, or what decides whether Liquid runs.
    pub fn forget_links(&mut self) {
        self.links = None;
    }

    /// Renders the Markdown of the pages `which` selects, replacing their warnings.
    fn render_markdown(&mut self, which: impl Fn(&Page) -> bool + Sync) {
        let t = crate::timings::phase("md: links+liquid");
        let links = match &self.links {
            Some(l) => l.clone(),
            None => {
                let l = std::sync::Arc::new(Links {
                    map: LinkMap {
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
                    },
                    // Liquid first (Jekyll posts), while the site can still be read as a whole.
                    liquid: {
                        let _t = crate::timings::phase("liquid links");
                        liquid_pass::LiquidPass::new(self)
                    },
                });
                self.links = Some(l.clone());
                l
            }
        };
        let link_map = &links.map;
        let mut after_liquid: Vec<Option<(String, Vec<Diagnostic>)>> = match &links.liquid {
            Some(l) => self
                .pages
                .par_iter()
                .map(|p| {
                    (which(p) && l.applies(p) && crate::jekyll::liquid::wanted(&p.body))
                        .then(|| l.render(p, &liquid_pass::page_data(self, p)))
                })
                .collect(),
            None => Vec::new(),
        };
        after_liquid.resize_with(self.pages.len(), || None);
        drop(t);
        let config = &self.config.markdown;
        let language = self.config.language.as_str();
        let jekyll_site = self.config.jekyll.is_some();
        let chirpy = self.config.jekyll.as_ref().is_some_and(|j| j.chirpy);
        let highlighter = &self.highlighter;
        let label = |key: &str| self.labels.get(key).map_or("", String::as_str);
        let task_labels = (label("task_done"), label("task_open"));
        let goal_labels = (label("goal_done"), label("goal_open"));
        let keep_sources = self.keep_sources;
        // Above this many pages a build holds their HTML compressed (see `Rendered::pack`).
        let pack = self.pages.len() >= PACK_HTML_PAGES;
        let warnings: Vec<Vec<Diagnostic>> = self
            .pages
            .par_iter_mut()
            .zip(after_liquid.into_par_iter())
            .filter(|(page, _)| which(page))
            .map(|(page, liquid)| {
                let (body, liquid_warnings) = match liquid {
                    Some((body, w)) => (std::borrow::Cow::Owned(body), w),
                    None => (std::borrow::Cow::Borrowed(page.body.as_str()), Vec::new()),
                };
                let dir = page.content_dir.clone();
                let resolve = |dest: &str| link_map.resolve(&dir, dest);
                let kramdown = jekyll_site || page.jekyll_folder;
                // Chirpy puts a post's relative images under its `media_subpath`, or the
                // site's root without one.
                let media = kramdown
                    .then(|| crate::jekyll::media::subpath(&page.front.extra))
                    .flatten()
                    .or(chirpy.then_some("/"))
                    .map(str::to_string);
                let opts = RenderOptions {
                    config,
                    highlighter,
                    resolve_link: &resolve,
                    take_title_from_h1: page.front.title.is_none(),
                    math: config.math
                        || ["math", "use_math", "mathjax", "katex"].iter().any(|k| {
                            page.front.extra.get(*k) == Some(&serde_json::Value::Bool(true))
                        }),
                    language: page.front.lang.as_deref().unwrap_or(language),
                    kramdown,
                    media_subpath: media.as_deref(),
                };
                // Retrospectives: the title, tags and opening say so (a few substring searches
                // for every post); their outline rides along the rendering.
                let detected = page.is_post().then(|| {
                    crate::retro::detect(&crate::retro::Post {
                        title: &page.title,
                        tags: &page.front.tags,
                        categories: &page.front.categories,
                        body: &body,
                        date: page.date.as_ref().map(|d| d.date()),
                        spec: page.front.retro.as_ref(),
                    })
                });
                let detected = detected.flatten();
                let mut collector = detected
                    .as_ref()
                    .map(|_| crate::retro::Collector::new(&body));
                let extras = Extras {
                    observer: collector.as_mut().map(|c| c as &mut dyn markdown::Observer),
                    task_labels: Some(if detected.is_some() {
                        goal_labels
                    } else {
                        task_labels
                    }),
                };
                let mut rendered = markdown::render_with(&body, &opts, extras);
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
                let warnings = page
                    .notes
                    .iter()
                    .cloned()
                    .chain(liquid_warnings)
                    .chain(rendered.warnings.iter().map(|w| {
                        // Offsets into the body as Liquid left it.
                        let line = crate::content::page::line_in(&body, page.body_line, w.offset);
                        Diagnostic::new(&page.source, w.message.clone()).at(line, None)
                    }))
                    .collect();
                drop(body);
                rendered.html.shrink_to_fit();
                page.rendered = rendered;
                if !keep_sources {
                    // A one-off build needs only the HTML from here on: the source goes
                    // now rather than after every page is rendered (the peak of a build).
                    page.body = String::new();
                    if pack {
                        page.rendered.pack();
                    }
                }
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
        self.markdown_warnings.retain(|w| !redone.contains(&w.path));
        self.markdown_warnings.extend(fresh);
        self.markdown_warnings
            .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    }
}

/// A page's key for relative links: its place under `content/` (`posts/a.md`).
pub fn content_key(page: &Page) -> String {
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

fn fields<'a>(page: &'a Page, jekyll: Option<&JekyllSettings>) -> permalink::Fields<'a> {
    permalink::Fields {
        date: page.date.as_ref(),
        slug: &page.slug,
        categories: &page.front.categories,
        jekyll: jekyll.map(|_| page.file_slug.as_str()),
        document: match (jekyll, page.kind) {
            (Some(j), Kind::Post) => post_document(&page.source, j),
            _ => None,
        },
    }
}

/// A Jekyll post as a document of the `posts` collection: its `:path` is its source
/// without the extension, the `collections_dir` and the first `_posts` folder, as Jekyll's
/// `cleaned_relative_path` makes it (`cat/_posts/a.md` → `cat/a`).
fn post_document<'a>(source: &'a Path, j: &JekyllSettings) -> Option<permalink::Document<'a>> {
    let name = source.file_stem()?.to_str()?;
    let mut parts: Vec<&str> = source.iter().map(|c| c.to_str()).collect::<Option<_>>()?;
    if let Some(cd) = &j.collections_dir
        && parts.len() > cd.split('/').count()
        && parts
            .iter()
            .copied()
            .zip(cd.split('/'))
            .all(|(a, b)| a == b)
    {
        parts.drain(..cd.split('/').count());
    }
    if let Some(i) = parts.iter().position(|p| *p == "_posts") {
        parts.remove(i);
    }
    parts.pop();
    parts.push(name);
    Some(permalink::Document {
        collection: "posts",
        path: parts.join("/"),
        name,
    })
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

/// An empty post, for unit tests of the listings.
#[cfg(test)]
pub fn test_page() -> Page {
    Page {
        kind: Kind::Post,
        source: PathBuf::from("content/posts/p.md"),
        content_dir: "posts".into(),
        title: String::new(),
        slug: String::new(),
        file_slug: String::new(),
        date: None,
        updated: None,
        front: Default::default(),
        body: String::new(),
        body_line: 1,
        path: String::new(),
        output: String::new(),
        rendered: Default::default(),
        notes: Vec::new(),
        jekyll_folder: false,
        redirects: Vec::new(),
        retro: None,
    }
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

    #[test]
    fn a_base_without_a_host_is_warned_about_in_one_line() {
        for url in ["https://user.github.io/blog/", "http://localhost:4000"] {
            assert!(Base::new(url).relative_warning(url).is_none(), "{url}");
        }
        for url in ["/", "/blog/", "https:///blog/"] {
            let w = Base::new(url).relative_warning(url).unwrap();
            assert!(w.starts_with(&format!("warning: base_url {url:?} has no host")));
            assert!(!w.contains('\n'), "{w}");
        }
    }
}
