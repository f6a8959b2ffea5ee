//! The drafting loop's build state: the loaded site, compiled templates and what the output
//! folder holds, so each change re-renders and rewrites only what it touches. After every
//! rebuild the folder holds exactly what `hoego build` with the same flags writes.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use serde_json::Value;

use crate::error::{Diagnostic, Errors};
use crate::output::{self, OutputFile, Plan, State};
use crate::search::{self, SearchIndex};
use crate::site::render::{self, Dep, Deps, Job, Level, Templates, page_id};
use crate::site::{BuildOptions, Site};

pub struct Live {
    pub options: BuildOptions,
    pub output: PathBuf,
    site: Site,
    templates: Templates,
    /// Listing data of every page, aligned with `site.pages`.
    summaries: Vec<Value>,
    extras: Vec<OutputFile>,
    /// The search index by post, so an edit recomputes only that post's share and rewrites
    /// only its shard; its files are among `extras`.
    search: SearchIndex,
    /// What each templated output depended on when it was last written.
    deps: HashMap<String, Deps>,
    /// Every templated output of the site as it is, with its job, and every file the
    /// output folder keeps: reused while edits move nothing.
    outputs: Vec<(Job, String)>,
    keep: BTreeSet<String>,
    state: State,
    /// Pages changed since the last successful write (kept across failed rebuilds): in
    /// content, in listing data, in metadata.
    dirty: HashSet<u64>,
    listing_dirty: HashSet<u64>,
    meta_dirty: HashSet<u64>,
    /// The sources of `dirty`, for the search index.
    dirty_sources: HashSet<String>,
    menu_dirty: bool,
    /// An incremental rebuild failed part-way: the next one starts from scratch.
    needs_full: bool,
    /// Files that do not load now, with their errors: the site keeps their last good
    /// version (or leaves them out, if they never loaded).
    held: BTreeMap<PathBuf, Vec<Diagnostic>>,
}

/// What one rebuild did, for the terminal and the browser.
#[derive(Debug, Default)]
pub struct Report {
    pub full: bool,
    pub changed: Vec<String>,
    pub rendered: usize,
    pub written: Vec<String>,
    pub removed: Vec<String>,
    pub millis: u128,
    /// Milliseconds spent reading and rendering Markdown, applying templates, and writing.
    pub phases: [u128; 3],
    /// Errors of files that do not load: everything else was applied.
    pub held_back: Vec<Diagnostic>,
}

impl Report {
    /// Only stylesheets changed: the browser can swap them without a reload.
    pub fn css_only(&self) -> bool {
        !self.written.is_empty()
            && self.removed.is_empty()
            && self.written.iter().all(|w| w.ends_with(".css"))
    }
}

impl Live {
    /// The first build: everything, written atomically like `hoego build`.
    /// With `tolerant`, files that do not load are left out and reported in
    /// [`Report::held_back`] instead of failing the build.
    pub fn start(
        options: BuildOptions,
        lock: &std::sync::Arc<output::OutputLock>,
        clean: bool,
        tolerant: bool,
    ) -> Result<(Live, Report), Errors> {
        let start = Instant::now();
        let output = lock.dir.clone();
        let none = |_: &Path| None;
        let (site, held_back) = Site::load_with(&options, tolerant.then_some(&none as _))?;
        let templates = Templates::new(&site)?;
        let summaries = render::summaries(&site);
        let jobs = render::jobs(&site);
        let files = render::render_jobs(&site, &templates, &summaries, &jobs)?;
        let (search, extras) = with_search_index(&site, render::extra_files(&site)?);
        let deps = jobs
            .iter()
            .map(|&j| (render::output_path(&site, j), render::deps(&site, j)))
            .collect();
        let all: Vec<OutputFile> = files.into_iter().chain(extras.iter().cloned()).collect();
        let plan = output::plan(&all, &site.statics, &site.theme.statics);
        let outcome =
            output::write_atomically_with(lock, clean, |staging| staging.write_plan(&plan))?;
        let state = output::state_of(&plan);
        let report = Report {
            full: true,
            rendered: jobs.len(),
            written: vec![String::new(); outcome.written.files],
            millis: start.elapsed().as_millis(),
            held_back: held_back.clone(),
            ..Report::default()
        };
        let live = Live {
            options,
            output,
            site,
            templates,
            summaries,
            extras,
            search,
            deps,
            outputs: Vec::new(),
            keep: BTreeSet::new(),
            state,
            dirty: HashSet::new(),
            listing_dirty: HashSet::new(),
            meta_dirty: HashSet::new(),
            dirty_sources: HashSet::new(),
            menu_dirty: false,
            needs_full: false,
            held: group_by_file(held_back),
        };
        Ok((live, report))
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Rebuilds after `paths` changed. On error nothing is written and the state is kept, so
    /// the last good site stays served and the next change retries.
    pub fn rebuild(&mut self, paths: &[PathBuf]) -> Result<Report, Errors> {
        let start = Instant::now();
        let full = self.needs_full || paths.iter().any(|p| self.site.needs_full_rebuild(p));
        let result = if full {
            self.full()
        } else {
            for p in paths {
                let rel = p.strip_prefix(&self.options.root).unwrap_or(p);
                self.held.remove(rel);
            }
            self.incremental(paths)
        };
        // After any failure the next rebuild reads everything again, so no change in this
        // batch is lost.
        self.needs_full = result.is_err();
        let mut report = result?;
        report.held_back = self.held.values().flatten().cloned().collect();
        report.changed = paths
            .iter()
            .map(|p| {
                p.strip_prefix(&self.options.root)
                    .unwrap_or(p)
                    .display()
                    .to_string()
            })
            .collect();
        report.millis = start.elapsed().as_millis();
        Ok(report)
    }

    fn full(&mut self) -> Result<Report, Errors> {
        let old = &self.site;
        let fallback = |source: &Path| {
            old.pages
                .iter()
                .find(|p| p.source == source)
                .map(|p| p.clone_source())
        };
        let (site, held_back) = Site::load_with(&self.options, Some(&fallback))?;
        let templates = Templates::new(&site)?;
        let summaries = render::summaries(&site);
        let jobs = render::jobs(&site);
        let files = render::render_jobs(&site, &templates, &summaries, &jobs)?;
        let (search, extras) = with_search_index(&site, render::extra_files(&site)?);
        let all: Vec<OutputFile> = files.into_iter().chain(extras.iter().cloned()).collect();
        let plan = output::plan(&all, &site.statics, &site.theme.statics);
        let keep: BTreeSet<String> = plan.keys().map(|k| k.to_string()).collect();
        let synced = output::sync(&self.output, &plan, &keep, &mut self.state)?;
        self.deps = jobs
            .iter()
            .map(|&j| (render::output_path(&site, j), render::deps(&site, j)))
            .collect();
        self.outputs.clear();
        self.site = site;
        self.templates = templates;
        self.summaries = summaries;
        self.extras = extras;
        self.search = search;
        self.held = group_by_file(held_back);
        self.clear_dirty();
        Ok(Report {
            full: true,
            rendered: jobs.len(),
            written: synced.written,
            removed: synced.removed,
            ..Report::default()
        })
    }

    fn incremental(&mut self, paths: &[PathBuf]) -> Result<Report, Errors> {
        // Listing data by source, so it survives the re-indexing an update may cause.
        let old_sources: Vec<u64> = (0..self.site.pages.len())
            .map(|i| self.site.page_id(i))
            .collect();
        let t0 = Instant::now();
        let update = self.site.update_files(&self.options, paths);
        let t = crate::timings::phase("l: summaries");
        let mut cached: HashMap<u64, Value> = old_sources
            .into_iter()
            .zip(std::mem::take(&mut self.summaries))
            .collect();
        let mut update = match update {
            Ok(u) => u,
            Err(e) => {
                // Keep summaries aligned for the pages as they are now. When the site was
                // changed before the error, the next rebuild redoes everything.
                self.summaries = self.realign(&mut cached, &HashSet::new());
                self.needs_full |= e.changed;
                return Err(e.errors);
            }
        };
        for (file, errors) in group_by_file(std::mem::take(&mut update.held_back)) {
            self.held.insert(file, errors);
        }
        if update.pages.is_empty() && !update.statics && !update.menu && self.dirty.is_empty() {
            self.summaries = self.realign(&mut cached, &HashSet::new());
            return Ok(Report::default());
        }
        self.dirty
            .extend(update.pages.iter().map(|s| page_id(Path::new(s))));
        self.dirty_sources.extend(update.pages.iter().cloned());
        self.menu_dirty |= update.menu;
        let before: HashMap<u64, Value> = self
            .dirty
            .iter()
            .filter_map(|k| cached.get(k).map(|v| (*k, v.clone())))
            .collect();
        self.summaries = self.realign(&mut cached, &self.dirty.clone());
        for i in 0..self.site.pages.len() {
            let key = self.site.page_id(i);
            if !self.dirty.contains(&key) {
                continue;
            }
            let new = &self.summaries[i];
            match before.get(&key) {
                Some(old) if same_shown(old, new, self.site.mentioned_names.as_ref()) => {}
                Some(old) if meta(old) == meta(new) => {
                    self.listing_dirty.insert(key);
                }
                _ => {
                    self.listing_dirty.insert(key);
                    self.meta_dirty.insert(key);
                }
            }
        }
        // Pages that went away changed at every level.
        let present: HashSet<u64> = self
            .site
            .pages
            .iter()
            .enumerate()
            .map(|(i, _)| self.site.page_id(i))
            .filter(|id| self.dirty.contains(id))
            .collect();
        for key in &self.dirty {
            if !present.contains(key) {
                self.listing_dirty.insert(*key);
                self.meta_dirty.insert(*key);
            }
        }
        drop(t);
        let t = crate::timings::phase("l: refresh templates");
        if self.menu_dirty {
            self.templates.refresh_site(&self.site);
        } else {
            // `site.retrospectives` and `site.years` follow every page change.
            self.templates.refresh_full(&self.site);
        }
        drop(t);
        let t = crate::timings::phase("l: search");
        // The search index follows every page change; only the changed posts are recomputed.
        let mut search_files: Vec<String> = Vec::new();
        if !self.dirty.is_empty() {
            let shards = self.search.shard_count();
            search_files = self.search.update(&self.site, &self.dirty_sources);
            if self.search.shard_count() != shards {
                // Other shards: the files that went away are no longer the output's.
                self.extras.retain(|f| !search::is_index_file(&f.path));
                self.keep.retain(|k| !search::is_index_file(k));
                self.keep.extend(
                    search_files
                        .iter()
                        .filter(|p| search::is_index_file(p))
                        .cloned(),
                );
            }
            for path in &search_files {
                let Some(file) = self.search.file(path) else {
                    continue;
                };
                match self.extras.iter_mut().find(|f| f.path == file.path) {
                    Some(f) => *f = file,
                    None => self.extras.push(file),
                }
            }
        }

        drop(t);
        let t = crate::timings::phase("l: jobs+deps");
        let site = &self.site;
        // After an edit that moved nothing the outputs are the ones of last time.
        let reuse =
            update.placed && !self.menu_dirty && !update.statics && !self.outputs.is_empty();
        if !reuse {
            self.outputs = render::jobs(site)
                .into_iter()
                .map(|j| (j, render::output_path(site, j)))
                .collect();
            self.keep = self.outputs.iter().map(|(_, o)| o.clone()).collect();
            // The feed's copies come with the feed's job.
            self.keep.extend(site.feed_copies.iter().cloned());
        }
        let deps: Vec<Deps> = self
            .outputs
            .par_iter()
            .map(|&(job, _)| render::deps(site, job))
            .collect();
        let mut todo = Vec::new();
        let mut fresh = Vec::with_capacity(deps.len());
        for ((job, out), deps) in self.outputs.iter().zip(deps) {
            let needed = self.menu_dirty
                || match self.deps.get(out) {
                    None => true,
                    Some(old) => *old != deps || deps.0.iter().any(|&d| self.is_dirty(d)),
                };
            if needed {
                todo.push(*job);
            }
            fresh.push((out, deps));
        }
        if reuse {
            for (out, deps) in fresh {
                if let Some(slot) = self.deps.get_mut(out) {
                    *slot = deps;
                }
            }
        } else {
            self.deps = fresh.into_iter().map(|(o, d)| (o.clone(), d)).collect();
        }
        drop(t);
        if crate::timings::enabled() {
            let outs: Vec<String> = todo.iter().map(|&j| render::output_path(site, j)).collect();
            eprintln!("re-rendered: {}", outs.join(" "));
        }
        let t1 = Instant::now();
        let files = render::render_jobs(site, &self.templates, &self.summaries, &todo)
            .inspect_err(|_| self.needs_full = true)?;
        let mut changed: Plan = files
            .iter()
            .map(|f| (f.path.as_str(), output::Source::Bytes(&f.data)))
            .collect();
        let statics = output::plan(&self.extras, &site.statics, &site.theme.statics);
        if !reuse {
            self.keep.extend(statics.keys().map(|k| k.to_string()));
        }
        if update.statics {
            for (k, v) in statics {
                changed.entry(k).or_insert(v);
            }
        } else {
            for f in &self.extras {
                if search_files.contains(&f.path) {
                    changed.insert(&f.path, output::Source::Bytes(&f.data));
                }
            }
        }
        let t2 = Instant::now();
        let synced = output::sync(&self.output, &changed, &self.keep, &mut self.state)?;
        let phases = [
            (t1 - t0).as_millis(),
            (t2 - t1).as_millis(),
            t2.elapsed().as_millis(),
        ];
        self.clear_dirty();
        Ok(Report {
            full: false,
            rendered: todo.len(),
            written: synced.written,
            removed: synced.removed,
            phases,
            ..Report::default()
        })
    }

    fn is_dirty(&self, dep: Dep) -> bool {
        match dep.page() {
            Some((Level::Content, id)) => self.dirty.contains(&id),
            Some((Level::Listing, id)) => self.listing_dirty.contains(&id),
            Some((Level::Meta, id)) => self.meta_dirty.contains(&id),
            None => false,
        }
    }

    fn clear_dirty(&mut self) {
        self.dirty.clear();
        self.listing_dirty.clear();
        self.meta_dirty.clear();
        self.dirty_sources.clear();
        self.menu_dirty = false;
    }

    /// Summaries in the order of `site.pages`: reused by source, recomputed when dirty or new.
    fn realign(&self, cached: &mut HashMap<u64, Value>, dirty: &HashSet<u64>) -> Vec<Value> {
        (0..self.site.pages.len())
            .map(|i| {
                let key = self.site.page_id(i);
                match cached.remove(&key) {
                    Some(v) if !dirty.contains(&key) => v,
                    _ => render::summary(&self.site, i),
                }
            })
            .collect()
    }
}

/// The generated extras plus the search index, which `serve` keeps up to date post by post.
fn with_search_index(site: &Site, mut extras: Vec<OutputFile>) -> (SearchIndex, Vec<OutputFile>) {
    let search = SearchIndex::build(site);
    extras.extend(search.files());
    (search, extras)
}

fn group_by_file(errors: Vec<Diagnostic>) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
    let mut map: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    for d in errors {
        map.entry(d.path.clone()).or_default().push(d);
    }
    map
}

/// The fields of a page's listing data that metadata-level outputs (archive, sitemap, tag
/// index, neighbour links) show.
/// Whether two listing summaries agree in every field the templates can show.
fn same_shown(old: &Value, new: &Value, shown: Option<&HashSet<String>>) -> bool {
    match (shown, old.as_object(), new.as_object()) {
        (Some(names), Some(a), Some(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| !names.contains(k) || b.get(k) == Some(v))
        }
        _ => old == new,
    }
}

fn meta(summary: &Value) -> [&Value; 10] {
    [
        "title",
        "url",
        "date",
        "updated",
        "tags",
        "draft",
        "lang",
        "year",
        "categories",
        "pinned",
    ]
    .map(|k| summary.get(k).unwrap_or(&Value::Null))
}
