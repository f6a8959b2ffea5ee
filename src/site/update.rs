//! Incremental updates for `serve`: apply a batch of changed content files to a loaded
//! [`Site`], re-reading and re-rendering only what they touch.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::{BuildOptions, Site};
use crate::content::{self, Entry, LoadOptions, Page};
use crate::error::{Diagnostic, Errors};

/// What an update changed, for deciding which outputs to re-render.
#[derive(Debug, Default)]
pub struct Update {
    /// Source paths (relative to the root) of pages added, changed, removed or re-rendered.
    pub pages: HashSet<String>,
    /// Standalone pages (the menu every template shows) changed.
    pub menu: bool,
    /// Files to copy were added, changed or removed.
    pub statics: bool,
    /// Errors of the files that did not load: the site keeps their last good version.
    pub held_back: Vec<Diagnostic>,
    /// Only the text of pages changed: every URL, list and group is as it was.
    pub placed: bool,
}

/// Errors of an update, and whether the site was changed before they were found.
#[derive(Debug)]
pub struct UpdateError {
    pub errors: Errors,
    pub changed: bool,
}

enum Change {
    Upsert(Box<Page>),
    Remove(PathBuf),
    Static(content::StaticFile),
    RemoveStatic(PathBuf),
}

impl Site {
    /// Applies changed files (absolute paths: edited, created or deleted). Every file is read
    /// before anything changes. A file with errors (bad front matter, a URL that would leave
    /// the output folder) holds back only itself: the site keeps its last good version and
    /// the errors come back in [`Update::held_back`], while every other change is applied.
    /// A URL collision is found after the change (`UpdateError::changed` is true).
    pub fn update_files(
        &mut self,
        opts: &BuildOptions,
        paths: &[PathBuf],
    ) -> Result<Update, UpdateError> {
        let unchanged = |errors: Errors| UpdateError {
            errors,
            changed: false,
        };
        let load = LoadOptions {
            drafts: opts.drafts,
            future: opts.future || self.config.jekyll.as_ref().is_some_and(|j| j.future),
            now: jiff::Timestamp::now(),
        };
        let ctx = content::ReadContext::new(&self.config).map_err(|d| unchanged(d.into()))?;
        let mut changes = Vec::new();
        let mut held_back: Vec<Diagnostic> = Vec::new();
        let inside = content::Inside::new(&self.root);
        for path in paths {
            let rel = path.strip_prefix(&self.root).unwrap_or(path).to_path_buf();
            if let Some(target) = inside.outside(path) {
                self.load_warnings.push(Diagnostic::new(
                    &rel,
                    format!(
                        "skipped: a symbolic link to `{}`, outside the site",
                        target.display()
                    ),
                ));
            }
            if !path.is_file() || inside.outside(path).is_some() {
                changes.push(Change::Remove(rel));
                changes.push(Change::RemoveStatic(path.clone()));
                continue;
            }
            match content::classify(&self.root, path, self.config.jekyll.as_ref()) {
                Some(Entry::Markdown(found)) if found.dateless_jekyll_post() => {
                    self.load_warnings.push(content::dateless_warning(&rel));
                    changes.push(Change::Remove(rel));
                }
                Some(Entry::Markdown(found)) => match content::read_page(&self.root, found, &ctx) {
                    Ok(page) if let Some(warning) = content::jekyll_page_left_out(&page) => {
                        self.load_warnings.push(warning);
                        changes.push(Change::Remove(rel));
                    }
                    Ok(page) if content::included(&page, &load) => match self.url_of(&page) {
                        Ok(_) => changes.push(Change::Upsert(Box::new(page))),
                        Err(d) => held_back.push(d),
                    },
                    Ok(_) => changes.push(Change::Remove(rel)),
                    Err(e) => held_back.extend(e),
                },
                Some(Entry::Static(file)) => changes.push(Change::Static(file)),
                None => {}
            }
        }

        // The common case while writing: only the text of known pages changed. Their URLs,
        // places in the lists and groups stay as they are, and nothing else is re-rendered.
        if !changes.is_empty()
            && changes
                .iter()
                .all(|c| matches!(c, Change::Upsert(p) if self.same_place(p)))
        {
            return Ok(self.update_text(changes, held_back));
        }

        let t = crate::timings::phase("u: apply");
        self.forget_links();
        let before_urls: BTreeMap<PathBuf, String> = self
            .pages
            .iter()
            .map(|p| (p.source.clone(), p.path.clone()))
            .collect();
        let before_menu = self.menu_fingerprint();
        let before_statics: Vec<String> = self.statics.iter().map(|s| s.output.clone()).collect();
        let mut update = Update {
            held_back,
            ..Update::default()
        };
        for change in changes {
            match change {
                Change::Upsert(page) => {
                    update
                        .pages
                        .insert(page.source.to_string_lossy().into_owned());
                    match self.pages.iter().position(|p| p.source == page.source) {
                        Some(i) => self.pages[i] = *page,
                        None => self.pages.push(*page),
                    }
                }
                Change::Remove(rel) => {
                    if let Some(i) = self.pages.iter().position(|p| p.source == rel) {
                        update.pages.insert(rel.to_string_lossy().into_owned());
                        self.pages.remove(i);
                    }
                }
                Change::Static(file) => {
                    update.statics = true;
                    match self.statics.iter().position(|s| s.source == file.source) {
                        Some(i) => self.statics[i] = file,
                        None => self.statics.push(file),
                    }
                }
                Change::RemoveStatic(path) => {
                    let before = self.statics.len();
                    self.statics.retain(|s| s.source != path);
                    update.statics |= self.statics.len() != before;
                }
            }
        }
        self.pages.sort_by(|a, b| a.source.cmp(&b.source));
        self.statics.sort_by(|a, b| a.output.cmp(&b.output));

        drop(t);
        let t = crate::timings::phase("u: urls+group");
        // Every page's URL was checked before it came in.
        let _ = self.assign_urls();
        self.leave_out_jekyll_pages_at_generated();
        update.held_back.extend(self.assign_redirects());
        self.group();
        let after_urls: BTreeMap<PathBuf, String> = self
            .pages
            .iter()
            .map(|p| (p.source.clone(), p.path.clone()))
            .collect();
        let after_statics: Vec<String> = self.statics.iter().map(|s| s.output.clone()).collect();
        // Relative links to a page or file that appeared, moved or went away render differently.
        let links_moved = before_urls != after_urls || before_statics != after_statics;
        let changed = update.pages.clone();
        let rerender = |p: &Page| {
            changed.contains(p.source.to_string_lossy().as_ref())
                || (links_moved && mentions_links(p))
        };
        for p in &self.pages {
            if links_moved && mentions_links(p) {
                update.pages.insert(p.source.to_string_lossy().into_owned());
            }
        }
        let had_retros = !self.retro.is_empty();
        drop(t);
        {
            let _t = crate::timings::phase("u: markdown");
            self.render_markdown(rerender);
        }
        {
            let _t = crate::timings::phase("u: retro index");
            self.index_retrospectives();
        }
        // Every page's menu links the timeline only when there are retrospectives.
        let has_retros = !self.retro.is_empty();
        update.menu = before_menu != self.menu_fingerprint() || had_retros != has_retros;
        let _t = crate::timings::phase("u: collisions");
        self.check_collisions().map_err(|errors| UpdateError {
            errors,
            changed: true,
        })?;
        Ok(update)
    }

    /// Whether an edited page keeps everything its URL, redirects and place in the lists and
    /// groups are made from: all of its front matter, and what its file name says.
    fn same_place(&self, page: &Page) -> bool {
        self.pages
            .binary_search_by(|p| p.source.cmp(&page.source))
            .is_ok_and(|i| {
                let old = &self.pages[i];
                old.kind == page.kind
                    && old.front == page.front
                    && old.slug == page.slug
                    && old.file_slug == page.file_slug
                    && old.date == page.date
                    && old.updated == page.updated
                    && old.content_dir == page.content_dir
                    && old.jekyll_folder == page.jekyll_folder
                    // A title taken from the first heading can change with the text, and a
                    // standalone page's title orders the menu.
                    && (page.is_post() || page.front.title.is_some())
            })
    }

    /// [`Site::update_files`] for pages whose text alone changed (see [`Site::same_place`]).
    fn update_text(&mut self, changes: Vec<Change>, held_back: Vec<Diagnostic>) -> Update {
        let mut update = Update {
            held_back,
            placed: true,
            ..Update::default()
        };
        let before_menu = self.menu_fingerprint();
        let had_retros = !self.retro.is_empty();
        let mut indexes = Vec::new();
        for change in changes {
            let Change::Upsert(mut page) = change else {
                continue;
            };
            let Ok(i) = self.pages.binary_search_by(|p| p.source.cmp(&page.source)) else {
                continue;
            };
            let old = &mut self.pages[i];
            page.path = std::mem::take(&mut old.path);
            page.output = std::mem::take(&mut old.output);
            page.redirects = std::mem::take(&mut old.redirects);
            update
                .pages
                .insert(page.source.to_string_lossy().into_owned());
            *old = *page;
            indexes.push(i);
        }
        let ids: HashSet<u64> = indexes.iter().map(|&i| self.page_id(i)).collect();
        {
            let _t = crate::timings::phase("u: markdown");
            self.render_markdown(|p| ids.contains(&super::render::page_id(&p.source)));
        }
        {
            let _t = crate::timings::phase("u: retro index");
            self.refresh_retrospectives(&indexes);
        }
        update.menu = before_menu != self.menu_fingerprint() || had_retros == self.retro.is_empty();
        update
    }

    fn menu_fingerprint(&self) -> Vec<(String, String)> {
        self.pages
            .iter()
            .filter(|p| !p.is_post())
            .map(|p| (p.title.clone(), p.path.clone()))
            .collect()
    }

    /// Whether a changed path needs a full rebuild rather than an update: config, templates,
    /// themes, and folders (created, removed or renamed as a whole).
    pub fn needs_full_rebuild(&self, path: &Path) -> bool {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        let top = rel.iter().next().and_then(|c| c.to_str()).unwrap_or("");
        if matches!(
            top,
            "config.toml"
                | "_config.yml"
                | "templates"
                | "themes"
                | "_includes"
                | "_layouts"
                | "_data"
        ) || path.is_dir()
        {
            return true;
        }
        // A path that is gone and held files was a folder.
        !path.exists()
            && (self
                .pages
                .iter()
                .any(|p| p.source.starts_with(rel) && p.source != rel)
                || self
                    .statics
                    .iter()
                    .any(|s| s.source.starts_with(path) && s.source != path))
    }
}

/// A page whose Markdown may link to other files by relative path.
fn mentions_links(page: &Page) -> bool {
    page.body.contains("](") || page.body.contains("]:")
}
