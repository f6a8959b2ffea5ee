//! Load: walk the site, read every Markdown file into a [`Page`], list files to copy.
//!
//! Posts live in `content/posts/` (also `content/_posts/`, and Jekyll's `_posts/` and
//! `_drafts/` at the root); other Markdown files under `content/` are standalone pages;
//! everything else under `content/` and `static/` is copied to the same relative path.

pub mod date;
pub mod front_matter;
pub mod page;
mod prefetch;
pub mod slug;
pub mod yaml;

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{Diagnostic, Errors};
use crate::jekyll;
pub use page::{Kind, Page};

/// Which posts a build includes.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    pub drafts: bool,
    pub future: bool,
    pub now: Timestamp,
}

/// A file copied into the output as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    pub source: PathBuf,
    /// Relative output path with `/` separators.
    pub output: String,
}

#[derive(Debug, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    pub statics: Vec<StaticFile>,
    /// Drafts and future posts left out of this build.
    pub skipped: usize,
    /// Files skipped on the way (links that point outside the site).
    pub warnings: Vec<Diagnostic>,
}

/// A Markdown file found under the site, before it is read.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    pub kind: Kind,
    draft_folder: bool,
    /// Folder relative to `content/` (posts from `_posts/` count as `posts`).
    content_dir: String,
    /// Categories from the folders above a Jekyll `_posts/` (`dev/_posts/a.md` → `dev`).
    categories: Vec<String>,
    /// In a Jekyll `_posts/` folder (at the root or below category folders).
    jekyll_posts: bool,
    /// In a Jekyll `_posts/` or `_drafts/` folder: its Liquid is evaluated.
    jekyll_folder: bool,
}

impl Found {
    /// A file in a Jekyll `_posts/` folder whose name has no date: Jekyll does not read it
    /// (its `PostReader` takes only `YYYY-MM-DD-title.ext`), and neither does hoego.
    pub fn dateless_jekyll_post(&self) -> bool {
        let stem = self.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        self.jekyll_posts && date::date_prefix(stem).is_none()
    }
}

/// What a file under the site root is to the build.
#[derive(Debug, Clone)]
pub enum Entry {
    Markdown(Found),
    Static(StaticFile),
}

/// Folders copied as they are when the root looks like a Jekyll site.
pub const JEKYLL_ASSET_DIRS: &[&str] = &["assets", "images", "img", "files", "uploads"];

/// The record every output folder hoego writes keeps of what it made (`output::owned`): a
/// folder without one is not hoego's output.
pub const OUTPUT_RECORD: &str = ".hoego-manifest.json";

/// Whether `name`, at the top of a Jekyll site, is a folder copied as it is: one of
/// [`JEKYLL_ASSET_DIRS`], `public/` when the site keeps its own files there, or any other
/// folder Jekyll copies ([`jekyll_copies`]: `media/`, `downloads/`, `en/`).
pub fn is_jekyll_asset_dir(root: &Path, name: &str) -> bool {
    if name == "public" {
        return site_owns_public(root);
    }
    JEKYLL_ASSET_DIRS.contains(&name) || jekyll_copies(root, name)
}

/// Whether Jekyll copies the folder `name` at the top of a site its `_config.yml`
/// configures (a hoego site with a `_posts/` folder copies only [`JEKYLL_ASSET_DIRS`]): its
/// name does not start with `_`, `.`, `#` or `~`, and it is not one of [`NOT_CONTENT`]
/// (`node_modules`, `vendor`), a folder hoego reads itself (`content/`, `templates/`,
/// `themes/`), or an output folder of hoego's (one with its record, or with a build under
/// way in it). A folder the site's `exclude:` names is left out where the files are read.
fn jekyll_copies(root: &Path, name: &str) -> bool {
    const OUTPUT_MARKS: &[&str] = &[OUTPUT_RECORD, ".hoego-staging", ".hoego-journal.json"];
    const HOEGOS: &[&str] = &["templates", "themes"];
    !name.starts_with(['_', '.', '#', '~'])
        && !is_ignored_name(name)
        && !NOT_CONTENT.contains(&name)
        && !SOURCE_DIRS.contains(&name)
        && !HOEGOS.contains(&name)
        && root.join("_config.yml").is_file()
        && !OUTPUT_MARKS
            .iter()
            .any(|m| root.join(name).join(m).exists())
}

/// The Jekyll site's folders of files copied as they are (see [`is_jekyll_asset_dir`]).
pub fn jekyll_asset_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = JEKYLL_ASSET_DIRS.iter().map(|d| root.join(d)).collect();
    if site_owns_public(root) {
        dirs.push(root.join("public"));
    }
    let mut others: Vec<PathBuf> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| !JEKYLL_ASSET_DIRS.contains(&name.as_str()) && jekyll_copies(root, name))
        .map(|name| root.join(name))
        .collect();
    others.sort();
    dirs.extend(others);
    dirs
}

/// Whether a Jekyll site's `public/` holds the site's own files, as Hyde, Lanyon and Poole
/// keep their CSS and images there (Jekyll copies it to `/public/`): it holds something and
/// no record of a hoego build. hoego's default output folder has the same name.
pub fn site_owns_public(root: &Path) -> bool {
    let public = root.join("public");
    is_jekyll_site(root)
        && !public.join(OUTPUT_RECORD).exists()
        && std::fs::read_dir(&public).is_ok_and(|mut entries| entries.next().is_some())
}

/// Top-level folders the build reads content from.
pub const SOURCE_DIRS: &[&str] = &["content", "_posts", "_drafts", "static"];

pub fn is_markdown(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        // Jekyll's `markdown_ext` default, and `.mdown`.
        Some("md" | "markdown" | "mkdown" | "mkdn" | "mkd" | "mdown")
    )
}

/// Files and folders no build should see: hidden ones and editor leftovers.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name.starts_with(".#")
        || name.starts_with('#')
}

/// Classifies a file by where it is: a post, a page, a file to copy, or nothing (`None`)
/// for files outside the content folders and editor leftovers. `jekyll` is the settings of
/// a site configured by its `_config.yml`: only such a site has pages and files at its top
/// and in its page folders (a hoego site with a `_posts/` folder does not publish its
/// `config.toml`).
pub fn classify(
    root: &Path,
    path: &Path,
    jekyll: Option<&crate::config::JekyllSettings>,
) -> Option<Entry> {
    classify_with(root, path, jekyll, |top| {
        is_jekyll_site(root) && is_jekyll_asset_dir(root, top)
    })
}

/// [`classify`], told by `copied` whether a folder at the site's top is one a Jekyll site
/// copies: a build works that out once per folder, not for each of its files (it takes a
/// few file-system calls).
fn classify_with(
    root: &Path,
    path: &Path,
    jekyll: Option<&crate::config::JekyllSettings>,
    copied: impl Fn(&str) -> bool,
) -> Option<Entry> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts: Vec<&str> = rel.iter().map(|c| c.to_str()).collect::<Option<_>>()?;
    if parts.is_empty() || parts.iter().any(|p| is_ignored_name(p)) {
        return None;
    }
    // With a `collections_dir`, `docs/_posts/a.md` is read as `_posts/a.md` would be, and
    // the root's own `_posts/` is not read at all, as in Jekyll.
    if let Some(j) = jekyll
        && let Some(cd) = &j.collections_dir
    {
        let depth = cd.split('/').count();
        let under = parts.len() > depth + 1
            && parts[..depth].iter().copied().eq(cd.split('/'))
            && parts[depth].starts_with('_');
        if under {
            parts.drain(..depth);
        } else if j.replaced_at_root(parts[0]) {
            return None;
        }
    }
    let page_dirs = jekyll.map(|j| j.page_dirs.as_slice()).unwrap_or_default();
    if parts.len() == 1 {
        return match jekyll {
            None => None,
            Some(_) if is_markdown(path) => jekyll_page(path, String::new()),
            Some(_) => jekyll_root_file(path, parts[0]),
        };
    }
    let (top, rest) = (parts[0], &parts[1..]);
    let rest_path = rest.join("/");
    let dir = rest[..rest.len() - 1].join("/");
    let markdown = is_markdown(path);
    let found = |kind, draft_folder, content_dir: String| {
        Some(Entry::Markdown(Found {
            path: path.to_path_buf(),
            kind,
            draft_folder,
            content_dir,
            categories: Vec::new(),
            jekyll_posts: false,
            jekyll_folder: false,
        }))
    };
    let copy = |output: String| {
        Some(Entry::Static(StaticFile {
            source: path.to_path_buf(),
            output,
        }))
    };
    match top {
        "content" if markdown => match rest[0] {
            "posts" | "_posts" if rest.len() > 1 => {
                found(Kind::Post, false, dir.replacen("_posts", "posts", 1))
            }
            "_drafts" if rest.len() > 1 => {
                found(Kind::Post, true, dir.replacen("_drafts", "posts", 1))
            }
            _ => found(Kind::Page, false, dir),
        },
        "content" => copy(rest_path),
        "_posts" | "_drafts" if markdown => {
            let content_dir = if dir.is_empty() {
                "posts".to_string()
            } else {
                format!("posts/{dir}")
            };
            let mut f = found(Kind::Post, top == "_drafts", content_dir);
            if let Some(Entry::Markdown(f)) = &mut f {
                f.jekyll_posts = top == "_posts";
                f.jekyll_folder = true;
            }
            f
        }
        "static" => copy(rest_path),
        // Not below a `_` folder (`dev/_posts/` is a category folder's posts; Jekyll copies
        // no `_` folder).
        t if !rest.iter().any(|p| p.starts_with('_')) && copied(t) => {
            if markdown && jekyll::pages::has_front_matter(path) {
                // A page in a copied folder (`en/about.md`), as Jekyll renders it.
                return jekyll_page(path, format!("{t}/{dir}").trim_end_matches('/').to_string());
            }
            if jekyll::assets::is_template(path) {
                return None;
            }
            copy(
                rel.iter()
                    .map(|c| c.to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            )
        }
        t if markdown && page_dirs.iter().any(|d| d == t) => {
            jekyll_page(path, format!("{t}/{dir}").trim_end_matches('/').to_string())
        }
        _ if markdown => category_post(path, &parts),
        _ => None,
    }
}

/// A page of a Jekyll site: a Markdown file at the root or in one of its page folders that
/// starts with front matter.
fn jekyll_page(path: &Path, content_dir: String) -> Option<Entry> {
    if !is_markdown(path) || !jekyll::pages::has_front_matter(path) {
        return None;
    }
    Some(Entry::Markdown(Found {
        path: path.to_path_buf(),
        kind: Kind::Page,
        draft_folder: false,
        content_dir,
        categories: Vec::new(),
        jekyll_posts: false,
        jekyll_folder: true,
    }))
}

/// A file at the top of a Jekyll site that Jekyll copies as it is: a search console's
/// `google….html` or `naver….html`, `ads.txt`, `CNAME`, `favicon.ico`. Not `_` files, not
/// Jekyll's own (`Gemfile`), and not one that starts with front matter: that is a Liquid
/// template of something hoego makes itself (`index.html`, `feed.xml`, `search.json`).
fn jekyll_root_file(path: &Path, name: &str) -> Option<Entry> {
    const JEKYLLS_OWN: &[&str] = &["Gemfile", "Gemfile.lock"];
    if name.starts_with('_') || JEKYLLS_OWN.contains(&name) || jekyll::pages::has_front_matter(path)
    {
        return None;
    }
    Some(Entry::Static(StaticFile {
        source: path.to_path_buf(),
        output: name.to_string(),
    }))
}

/// The warning that leaves a loaded Jekyll page out of the build, when its Liquid lists
/// the site's posts. (A page that is only its layout is left to the site, which knows
/// where hoego's own list of the same kind is: [`crate::site`].)
pub fn jekyll_page_left_out(page: &Page) -> Option<Diagnostic> {
    if page.kind != Kind::Page || !page.jekyll_folder {
        return None;
    }
    jekyll::pages::lists_posts(page)
}

/// A post in a Jekyll category folder: `dev/rust/_posts/a.md` has the categories `dev` and
/// `rust`, as Jekyll gives it.
fn category_post(path: &Path, parts: &[&str]) -> Option<Entry> {
    let at = parts
        .iter()
        .position(|p| *p == "_posts" || *p == "_drafts")?;
    if at == 0 || at + 1 >= parts.len() || parts[..at].iter().any(|p| p.starts_with('_')) {
        return None;
    }
    let cats: Vec<String> = parts[..at].iter().map(|p| p.to_string()).collect();
    let inner = &parts[at + 1..parts.len() - 1];
    let mut content_dir = format!("{}/posts", cats.join("/"));
    for p in inner {
        content_dir.push('/');
        content_dir.push_str(p);
    }
    Some(Entry::Markdown(Found {
        path: path.to_path_buf(),
        kind: Kind::Post,
        draft_folder: parts[at] == "_drafts",
        content_dir,
        categories: cats,
        jekyll_posts: parts[at] == "_posts",
        jekyll_folder: true,
    }))
}

/// The files at the top of a Jekyll site (sorted): its About page is usually there, and
/// the files it publishes as they are. Symbolic links and unreadable entries are passed
/// over.
fn root_files(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// Whether the root is a Jekyll site: `_config.yml` or `_posts/` at the top.
pub fn is_jekyll_site(root: &Path) -> bool {
    root.join("_posts").is_dir() || root.join("_config.yml").is_file()
}

/// Folders that never hold a site's posts, at any depth.
const NOT_CONTENT: &[&str] = &["node_modules", "vendor", "public", "_site", "target"];

/// The `_posts/` and `_drafts/` folders below category folders of a Jekyll site
/// (`dev/_posts/`), at most three folders deep, in name order. Only folders are listed on
/// the way, and none of those that cannot hold category folders: the site's own `_posts/`
/// (thousands of files), any `_posts/` found, hidden folders (`.git`) and [`NOT_CONTENT`]
/// (`node_modules`, `vendor`, `_site`).
pub fn category_post_dirs(root: &Path) -> Vec<PathBuf> {
    const POST_DIRS: [&str; 2] = ["_posts", "_drafts"];
    fn visit(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut folders: Vec<(String, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| Some((e.file_name().into_string().ok()?, e.path())))
            .filter(|(name, _)| {
                !name.starts_with('.')
                    && !NOT_CONTENT.contains(&name.as_str())
                    && if depth == 1 {
                        !name.starts_with('_') && !SOURCE_DIRS.contains(&name.as_str())
                    } else {
                        !name.starts_with('_') || POST_DIRS.contains(&name.as_str())
                    }
            })
            .collect();
        folders.sort();
        for (name, path) in folders {
            if POST_DIRS.contains(&name.as_str()) {
                out.push(path);
            } else if depth < 4 {
                visit(&path, depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    visit(root, 1, &mut out);
    out
}

/// Whether a loaded page belongs in this build (drafts and future posts need flags).
pub fn included(page: &Page, opts: &LoadOptions) -> bool {
    (opts.drafts || !page.front.draft)
        && (opts.future
            || !page.is_post()
            || page.date.as_ref().is_none_or(|d| d.timestamp() <= opts.now))
}

pub fn load(root: &Path, config: &Config, opts: &LoadOptions) -> Result<Content, Errors> {
    let (content, errors) = load_all(root, config, opts)?;
    if errors.is_empty() {
        Ok(content)
    } else {
        Err(Errors(errors))
    }
}

/// Everything that loads, and the errors of the files that did not (sorted by file and
/// line): `serve` keeps the last good version of those. `Err` only when nothing can load
/// (a bad time zone).
pub fn load_all(
    root: &Path,
    config: &Config,
    opts: &LoadOptions,
) -> Result<(Content, Vec<Diagnostic>), Errors> {
    let mut found: Vec<Found> = Vec::new();
    let mut statics = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut dirs: Vec<PathBuf> = SOURCE_DIRS.iter().map(|d| root.join(d)).collect();
    let mut files = Vec::new();
    // Walked without their `_` folders, which Jekyll does not copy: a category folder's
    // `_posts/` among them is walked on its own.
    let mut asset_dirs = Vec::new();
    if is_jekyll_site(root) {
        asset_dirs = jekyll_asset_dirs(root);
        dirs.extend(category_post_dirs(root));
    }
    let copied: std::collections::HashSet<String> = asset_dirs
        .iter()
        .filter_map(|d| Some(d.file_name()?.to_str()?.to_string()))
        .collect();
    if let Some(j) = &config.jekyll {
        dirs.extend(j.source_dirs().iter().map(|d| root.join(d)));
        files.extend(root_files(root));
    }
    if config.jekyll.is_none() {
        warnings.extend(hugo_settings_warning(root));
    }
    // A collections folder's `_posts/` is also found as a category folder's: read once.
    let mut seen = std::collections::HashSet::new();
    dirs.retain(|d| seen.insert(d.clone()));
    let ctx = ReadContext::new(config)?;
    // A copied folder the site excludes is not walked at all (minimal-mistakes' `/docs`,
    // thousands of files).
    asset_dirs.retain(|d| !ctx.excluded(d.strip_prefix(root).unwrap_or(d)) && !dirs.contains(d));
    let inside = Inside::new(root);
    for dir in dirs {
        files.extend(walk(&dir, &mut errors, &mut warnings, &inside, false));
    }
    for dir in asset_dirs {
        files.extend(walk(&dir, &mut errors, &mut warnings, &inside, true));
    }
    for path in files {
        match classify_with(root, &path, config.jekyll.as_ref(), |t| copied.contains(t)) {
            Some(Entry::Markdown(f)) => found.push(f),
            Some(Entry::Static(s)) => statics.push(s),
            None => {}
        }
    }

    found.retain(|f| !ctx.excluded(f.path.strip_prefix(root).unwrap_or(&f.path)));
    found.retain(|f| {
        let skip = f.dateless_jekyll_post();
        if skip {
            warnings.push(dateless_warning(
                f.path.strip_prefix(root).unwrap_or(&f.path),
            ));
        }
        !skip
    });
    statics.retain(|s| !ctx.excluded(s.source.strip_prefix(root).unwrap_or(&s.source)));
    let paths: Vec<PathBuf> = found.iter().map(|f| f.path.clone()).collect();
    // Jekyll warns about a page it cannot read and goes on: so does hoego, leaving it out.
    let tolerated: Vec<bool> = found
        .iter()
        .map(|f| f.kind == Kind::Page && f.jekyll_folder)
        .collect();
    let results: Vec<Result<Page, Vec<Diagnostic>>> = prefetch::with_prefetch(&paths, || {
        found
            .into_par_iter()
            .map(|f| read_page(root, f, &ctx))
            .collect()
    });
    let mut pages = Vec::with_capacity(results.len());
    for (r, tolerated) in results.into_iter().zip(tolerated) {
        match r {
            Ok(p) => pages.push(p),
            Err(e) if tolerated => warnings.extend(e.into_iter().map(|mut d| {
                d.message = format!("left out: {}", d.message);
                d
            })),
            Err(mut e) => errors.append(&mut e),
        }
    }
    errors.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    pages.retain(|p| match jekyll_page_left_out(p) {
        Some(warning) => {
            warnings.push(warning);
            false
        }
        None => true,
    });
    let before = pages.len();
    pages.retain(|p| included(p, opts));
    let skipped = before - pages.len();
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    statics.sort_by(|a, b| a.output.cmp(&b.output));
    let content = Content {
        pages,
        statics,
        skipped,
        warnings,
    };
    Ok((content, errors))
}

/// What reading a page needs from the config: the time zone for dates without an offset,
/// and a Jekyll site's front-matter defaults and exclusions.
pub struct ReadContext {
    pub tz: jiff::tz::TimeZone,
    defaults: Vec<crate::config::ScopedDefaults>,
    exclude: Vec<String>,
}

impl ReadContext {
    pub fn new(config: &Config) -> Result<ReadContext, Diagnostic> {
        let (defaults, exclude) = match &config.jekyll {
            Some(j) => (j.defaults.clone(), j.exclude.clone()),
            None => (Vec::new(), Vec::new()),
        };
        Ok(ReadContext {
            tz: timezone(config)?,
            defaults,
            exclude,
        })
    }

    /// The defaults for a file (relative to the root): every matching scope, the more
    /// specific (longer path, then with a type) overriding the less.
    fn defaults_for(&self, rel: &Path, kind: Kind) -> serde_json::Map<String, serde_json::Value> {
        let rel = slash_path(rel);
        let mut matching: Vec<&crate::config::ScopedDefaults> = self
            .defaults
            .iter()
            .filter(|d| {
                let path = d.path.trim_matches('/');
                let path_ok = path.is_empty() || glob_prefix(path, &rel);
                let kind_ok = match d.kind.as_deref() {
                    None | Some("") => true,
                    Some("posts" | "drafts") => kind == Kind::Post,
                    Some("pages") => kind == Kind::Page,
                    // A collection: the files of its folder (Chirpy's `tabs`, `_tabs/`).
                    Some(collection) => rel
                        .strip_prefix('_')
                        .and_then(|r| r.strip_prefix(collection))
                        .is_some_and(|r| r.starts_with('/')),
                };
                path_ok && kind_ok
            })
            .collect();
        matching.sort_by_key(|d| (d.path.trim_matches('/').len(), d.kind.is_some()));
        let mut map = serde_json::Map::new();
        for d in matching {
            for (k, v) in &d.values {
                map.insert(k.clone(), v.clone());
            }
        }
        map
    }

    /// Whether `_config.yml`'s `exclude:` leaves the file (relative to the root) out.
    pub fn excluded(&self, rel: &Path) -> bool {
        let rel = slash_path(rel);
        self.exclude.iter().any(|pattern| {
            let pattern = pattern
                .trim_start_matches("./")
                .trim_start_matches('/')
                .trim_end_matches('/');
            !pattern.is_empty() && glob_prefix(pattern, &rel)
        })
    }
}

/// Whether `path` is `pattern` or lies below it; `*` in the pattern matches within a name.
fn glob_prefix(pattern: &str, path: &str) -> bool {
    let pats: Vec<&str> = pattern.split('/').collect();
    let segs: Vec<&str> = path.split('/').collect();
    segs.len() >= pats.len() && pats.iter().zip(&segs).all(|(p, s)| glob(p, s))
}

/// `*` matches any run of characters, `?` one; everything else itself.
fn glob(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// The site's time zone (`timezone` in the config), for the commands that date new posts.
pub fn timezone(config: &Config) -> Result<jiff::tz::TimeZone, Diagnostic> {
    crate::tz::get(&config.timezone)
        .map_err(|e| Diagnostic::new("config.toml", format!("timezone: {e}")))
}

/// Every file below `dir` (sorted, ignored names skipped); a missing folder is empty.
/// Symbolic links are followed inside the site; one that points outside it is skipped
/// with a warning, so a build never publishes a file from elsewhere.
fn walk(
    dir: &Path,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
    inside: &Inside,
    without_underscore_dirs: bool,
) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let root = inside.root.as_path();
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    if let Some(target) = inside.outside(dir) {
        warnings.push(outside_warning(&rel(dir), &target));
        return Vec::new();
    }
    let mut files = Vec::new();
    let skipped = std::cell::RefCell::new(Vec::new());
    // Siblings share their folder's path, so comparing whole paths as strings orders them
    // by name, without `sort_by_file_name`'s parse of both paths for every comparison (a
    // tenth of reading 100,000 posts, on the one thread that walks).
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && e.file_name().to_str().is_some_and(is_ignored_name) {
                return false;
            }
            if without_underscore_dirs
                && e.depth() > 0
                && e.file_type().is_dir()
                && e.file_name().to_str().is_some_and(|n| n.starts_with('_'))
            {
                return false;
            }
            if e.path_is_symlink()
                && let Some(target) = inside.outside(e.path())
            {
                skipped
                    .borrow_mut()
                    .push(outside_warning(&rel(e.path()), &target));
                return false;
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map(&rel).unwrap_or_else(|| dir.to_path_buf());
                errors.push(Diagnostic::new(path, format!("cannot read: {e}")));
            }
        }
    }
    warnings.extend(skipped.into_inner());
    files
}

/// The site's folder with its links resolved, to tell whether a link points inside it.
pub struct Inside {
    root: PathBuf,
    canonical: PathBuf,
}

impl Inside {
    pub fn new(root: &Path) -> Inside {
        Inside {
            root: root.to_path_buf(),
            canonical: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Where `path` really is, when that is outside the site.
    pub fn outside(&self, path: &Path) -> Option<PathBuf> {
        let real = path.canonicalize().ok()?;
        (!real.starts_with(&self.canonical)).then_some(real)
    }
}

/// A Hugo site's settings file where hoego has none of its own: the build runs on hoego's
/// defaults, and says so once, naming the file.
fn hugo_settings_warning(root: &Path) -> Option<Diagnostic> {
    if root.join(crate::config::CONFIG_FILE).exists() {
        return None;
    }
    let name = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"]
        .into_iter()
        .find(|n| root.join(n).is_file())?;
    Some(Diagnostic::new(
        name,
        "Hugo's settings are not read: this build uses hoego's defaults (the title `My blog`, \
         the base URL `/`); write hoego's own config.toml (`title`, `base_url`, `language`, \
         `permalink`) beside it",
    ))
}

pub fn dateless_warning(rel: &Path) -> Diagnostic {
    Diagnostic::new(
        rel,
        "skipped, as Jekyll does: a post in _posts/ needs a name like 2023-12-31-title.md",
    )
}

fn outside_warning(link: &Path, target: &Path) -> Diagnostic {
    Diagnostic::new(
        link,
        format!(
            "skipped: a symbolic link to `{}`, outside the site; only files inside the site are published",
            target.display()
        ),
    )
}

pub fn slash_path(p: &Path) -> String {
    let mut out = String::new();
    for (i, c) in p.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&c.as_os_str().to_string_lossy());
    }
    out
}

pub fn read_page(root: &Path, found: Found, ctx: &ReadContext) -> Result<Page, Vec<Diagnostic>> {
    let tz = &ctx.tz;
    let source = found
        .path
        .strip_prefix(root)
        .unwrap_or(&found.path)
        .to_path_buf();
    let bytes =
        std::fs::read(&found.path).map_err(|e| vec![Diagnostic::io(&source, "read", &e)])?;
    let text = crate::utf8::string_from(bytes).map_err(|e| {
        let (line, col) = crate::error::line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        vec![
            Diagnostic::new(&source, "file is not valid UTF-8 (save it as UTF-8)")
                .at(line, Some(col)),
        ]
    })?;
    let defaults = if ctx.defaults.is_empty() {
        serde_json::Map::new()
    } else {
        ctx.defaults_for(&source, found.kind)
    };
    let parsed = front_matter::parse_with(&source, &text, &defaults)?;
    let mut front = parsed.front;
    front.draft |= found.draft_folder;
    if !found.categories.is_empty() {
        let mut cats = found.categories;
        for c in std::mem::take(&mut front.categories) {
            if !cats.contains(&c) {
                cats.push(c);
            }
        }
        front.categories = cats;
    }

    let stem = found
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    let stem = if stem == "index" || stem == "_index" {
        found
            .path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|s| s.to_str())
            .unwrap_or(stem)
    } else {
        stem
    };
    let (file_date, name) = match date::date_prefix(stem) {
        Some((d, rest)) => (Some(d), rest),
        None => (None, stem),
    };

    let mut errors = Vec::new();
    let read = |raw: &front_matter::Raw| {
        date::parse_date(&raw.value, tz).map_err(|msg| {
            let d = Diagnostic::new(&source, msg);
            match raw.line {
                Some(l) => d.at(l, None),
                None => d,
            }
        })
    };
    let midnight = |d: jiff::civil::Date| {
        tz.to_zoned_datetime(d.to_datetime(jiff::civil::Time::midnight()))
            .ok()
    };
    // Jekyll reads any date Ruby's `Time.parse` makes something of (`2020-12-01 - a note`,
    // `2024-12-0 00:00`) and builds: in its folders, a date hoego cannot read is a warning,
    // and the post takes the date of its file's name.
    let lenient = found.jekyll_folder;
    let mut notes = Vec::new();
    let noted = |d: Diagnostic, what: &str| Diagnostic {
        message: format!("{}; {what}", d.message),
        ..d
    };
    let date = match (&front.date, file_date) {
        (Some(raw), Some(d)) if lenient => match read(raw) {
            Ok(z) => Some(z),
            Err(e) => {
                notes.push(noted(e, &format!("the file name's date {d} is used")));
                midnight(d)
            }
        },
        (Some(raw), _) => read(raw).map_err(|e| errors.push(e)).ok(),
        (None, Some(d)) => midnight(d),
        // Jekyll dates a draft without a date by its file's modification time.
        (None, None) if found.draft_folder && found.jekyll_folder => std::fs::metadata(&found.path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| jiff::Timestamp::try_from(t).ok())
            .map(|t| t.to_zoned_datetime(tz.clone())),
        (None, None) if found.kind == Kind::Post => {
            errors.push(Diagnostic::new(
                &source,
                "post has no date: add `date: 2023-12-31` to its front matter or name the file `2023-12-31-title.md`",
            ));
            None
        }
        (None, None) => None,
    };
    let updated = front.updated.as_ref().and_then(|raw| match read(raw) {
        Ok(z) => Some(z),
        Err(e) if lenient => {
            notes.push(noted(e, "it is left out"));
            None
        }
        Err(e) => {
            errors.push(e);
            None
        }
    });
    if !errors.is_empty() {
        return Err(errors);
    }

    let title = front
        .title
        .clone()
        .or_else(|| first_h1(parsed.body))
        .unwrap_or_else(|| {
            if found.kind == Kind::Page && found.jekyll_folder {
                jekyll::pages::title_from_name(name)
            } else {
                name.replace(['-', '_'], " ").trim().to_string()
            }
        });
    let slug = [front.slug.as_deref(), Some(name), Some(title.as_str())]
        .into_iter()
        .flatten()
        .map(slug::slugify)
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| {
            if found.kind == Kind::Post {
                "post".into()
            } else {
                "page".into()
            }
        });

    Ok(Page {
        kind: found.kind,
        source,
        content_dir: found.content_dir,
        title,
        slug,
        // Jekyll drops the dots a name ends with (`trailing...md`).
        file_slug: front
            .slug
            .clone()
            .unwrap_or_else(|| name.trim_end_matches('.').to_string()),
        date,
        updated,
        front,
        body: parsed.body.to_string(),
        body_line: parsed.body_line,
        path: String::new(),
        output: String::new(),
        rendered: Default::default(),
        notes: parsed.warnings.into_iter().chain(notes).collect(),
        jekyll_folder: found.jekyll_folder,
        redirects: Vec::new(),
        retro: None,
    })
}

/// The text of the first ATX `# ` heading outside code fences.
pub fn first_h1(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") {
            fence = Some("```");
        } else if t.starts_with("~~~") {
            fence = Some("~~~");
        } else if let Some(rest) = t.strip_prefix("# ") {
            let text = rest.trim().trim_end_matches('#').trim();
            if !text.is_empty() {
                return Some(text.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_post_folders_are_found_only_where_posts_live() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for d in [
            "_posts/2023",
            "dev/_posts",
            "dev/rust/_drafts",
            "node_modules/theme/_posts",
            ".git/x/_posts",
            "_site/dev/_posts",
            "public/dev/_posts",
            "vendor/gem/_posts",
            "a/b/c/d/_posts",
        ] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        let found: Vec<String> = category_post_dirs(root)
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(found, ["dev/_posts", "dev/rust/_drafts"]);
    }

    #[test]
    fn first_h1_skips_code() {
        assert_eq!(
            first_h1("```\n# not this\n```\n\n# 제목 #\n"),
            Some("제목".into())
        );
        assert_eq!(first_h1("## sub\ntext"), None);
    }

    #[test]
    fn globs_and_scopes() {
        assert!(glob_prefix("_posts", "_posts/a.md"));
        assert!(glob_prefix("vendor", "vendor/x/y.md"));
        assert!(glob_prefix("*.md", "README.md"));
        assert!(!glob_prefix("*.md", "dir/README.md"));
        assert!(glob_prefix("docs/*", "docs/a/b.md"));
        assert!(!glob_prefix("posts", "_posts/a.md"));
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [
            ".post.md.swp",
            "post.md~",
            "4913",
            ".#post.md",
            "#post.md#",
            ".git",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("2023-12-31-회고.md"));
    }
}
