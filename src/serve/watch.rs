//! The file watcher: notify events on the site's sources, filtered and debounced into
//! batches of changed paths. It survives the ways editors save (in place, temp + rename,
//! delete + recreate) because a batch is only a list of paths; what they hold is read later.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::content::{SOURCE_DIRS, is_ignored_name};

/// Folders watched recursively when they exist; `config.toml` is watched through the root.
pub const WATCHED_DIRS: &[&str] = &["templates", "themes", "_includes", "_layouts", "_data"];

pub struct SiteWatcher {
    root: PathBuf,
    output: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    watched: BTreeSet<PathBuf>,
    /// A site configured by `_config.yml`, and its folders of pages (`_pages`, `_tabs`) and
    /// of a `collections_dir` (`docs/_posts`), as its config last said.
    jekyll: bool,
    source_dirs: Vec<String>,
    pub debounce: Duration,
}

impl SiteWatcher {
    pub fn new(root: &Path, output: &Path, debounce: Duration) -> notify::Result<SiteWatcher> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let output = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
        let output = output.canonicalize().unwrap_or(output);
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut w = SiteWatcher {
            root,
            output,
            watcher,
            events,
            watched: BTreeSet::new(),
            jekyll: false,
            source_dirs: Vec::new(),
            debounce,
        };
        w.read_config();
        w.watch_dirs(true);
        Ok(w)
    }

    /// Whether the site is a Jekyll one and which folders hold its pages, from its config:
    /// when serving begins and whenever the config changes. A config that does not load (a
    /// save half done, a mistake the build reports) leaves them as they were.
    fn read_config(&mut self) {
        if let Ok(config) = crate::config::Config::load(&self.root) {
            self.jekyll = config.jekyll.is_some();
            self.source_dirs = config.jekyll.map(|j| j.source_dirs()).unwrap_or_default();
        }
    }

    /// Watches every source folder that exists now (again, after one was recreated): a
    /// Jekyll site's asset folders among them, and, when folders may have come or gone, its
    /// category folders of posts (`dev/_posts/`, found by walking the site: not on every
    /// save).
    fn watch_dirs(&mut self, folders_changed: bool) {
        let mut dirs: Vec<PathBuf> = SOURCE_DIRS
            .iter()
            .chain(WATCHED_DIRS)
            .map(|name| self.root.join(name))
            .chain(self.source_dirs.iter().map(|d| self.root.join(d)))
            .collect();
        if crate::content::is_jekyll_site(&self.root) {
            // Its folders of files copied as they are: `assets/`, `images/`, its own `public/`.
            dirs.extend(crate::content::jekyll_asset_dirs(&self.root));
            if folders_changed {
                dirs.extend(crate::content::category_post_dirs(&self.root));
            }
        }
        for dir in dirs {
            if dir.is_dir()
                && !self.watched.contains(&dir)
                && self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(dir);
            } else if !dir.is_dir() && self.watched.remove(&dir) {
                let _ = self.watcher.unwatch(&dir);
            }
        }
    }

    /// Whether a path from an event matters to the build.
    fn relevant(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        if path.starts_with(&self.output)
            || rel.iter().any(|c| {
                c.to_str().is_none_or(is_ignored_name) || is_editor_temp(c.to_str().unwrap_or(""))
            })
        {
            return false;
        }
        let top = rel.iter().next().and_then(|c| c.to_str()).unwrap_or("");
        top == "config.toml"
            || top == "_config.yml"
            || rel.iter().any(|c| c == "_posts" || c == "_drafts")
            || SOURCE_DIRS.contains(&top)
            || WATCHED_DIRS.contains(&top)
            || is_jekyll_asset(&self.root, top)
            || self.source_dirs.iter().any(|d| rel.starts_with(d))
            // A Jekyll site's page or file at the top (`about.md`, `ads.txt`).
            || rel.iter().count() == 1 && self.jekyll
    }

    /// Blocks until something relevant changed, then gathers events until the folder has
    /// been quiet for the debounce time (at most half a second in all). `None` when the
    /// watcher stopped.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let mut paths = BTreeSet::new();
        loop {
            let event = self.events.recv().ok()?;
            self.collect(event, &mut paths);
            if !paths.is_empty() {
                break;
            }
        }
        let start = Instant::now();
        loop {
            match self.events.recv_timeout(self.debounce) {
                Ok(event) => self.collect(event, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
            if start.elapsed() > Duration::from_millis(500) {
                break;
            }
        }
        // The config may name other folders of pages (`include:`, `collections:`).
        let config_changed = paths.iter().any(|p| {
            p.parent() == Some(self.root.as_path())
                && p.file_name()
                    .is_some_and(|n| n == "_config.yml" || n == "config.toml")
        });
        if config_changed {
            self.read_config();
        }
        // A folder made, removed or renamed: the batch names it, and it is a folder now or
        // is gone.
        let folders_changed = config_changed || paths.iter().any(|p| p.is_dir() || !p.exists());
        self.watch_dirs(folders_changed);
        Some(paths.into_iter().collect())
    }

    fn collect(&self, event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>) {
        // The watcher lost events (its queue overflowed, a folder could not be watched):
        // the site folder itself in a batch makes the rebuild read everything again.
        let event = match event {
            Ok(e) if !e.need_rescan() => e,
            _ => {
                paths.insert(self.root.clone());
                return;
            }
        };
        let counts = match event.kind {
            EventKind::Access(notify::event::AccessKind::Close(
                notify::event::AccessMode::Write,
            )) => true,
            EventKind::Access(_) => false,
            _ => true,
        };
        if !counts {
            return;
        }
        for path in event.paths {
            if self.relevant(&path) {
                paths.insert(path);
            }
        }
    }
}

/// Temporary files of editors that `is_ignored_name` does not already cover.
fn is_editor_temp(name: &str) -> bool {
    name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with(".crswap")
        || name.ends_with(".kate-swp")
}

fn is_jekyll_asset(root: &Path, top: &str) -> bool {
    crate::content::is_jekyll_site(root) && crate::content::is_jekyll_asset_dir(root, top)
}
