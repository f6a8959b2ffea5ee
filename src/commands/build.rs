//! `hoego build`: load → render → write, then a one-line summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::error::Errors;
use crate::output;
use crate::output::OutputFile;
use crate::site::render::{render_site, render_site_with};
use crate::site::{BuildOptions, Site};

pub struct BuildArgs {
    pub options: BuildOptions,
    pub output: PathBuf,
    /// Also delete files in the output folder that hoego did not make.
    pub clean: bool,
    /// URL collisions are errors.
    pub strict: bool,
    /// List the `_config.yml` keys hoego ignores, and every repeat of a warning.
    pub verbose: bool,
}

/// Stage names on a terminal once the build takes more than a moment.
struct Progress {
    start: Instant,
    shown: bool,
    tty: bool,
}

impl Progress {
    fn new() -> Progress {
        Progress {
            start: Instant::now(),
            shown: false,
            tty: std::io::stderr().is_terminal(),
        }
    }

    fn stage(&mut self, name: &str) {
        if self.tty && self.start.elapsed() > Duration::from_millis(300) {
            eprint!("\r\x1b[2K{name}… ({} ms)", self.start.elapsed().as_millis());
            self.shown = true;
        }
    }

    fn done(&self) {
        if self.shown {
            eprint!("\r\x1b[2K");
        }
    }
}

/// The build's warnings (a repeated one counted after a few, unless `all`), then one line
/// when the base URL has no host (`hoego serve`, whose links are root-relative on purpose,
/// prints its warnings itself).
pub fn print_warnings(site: &Site, all: bool) {
    for line in crate::warnings::lines(&site.warnings(), all) {
        eprintln!("warning: {line}");
    }
    if let Some(w) = site.base.relative_warning(&site.config.base_url) {
        eprintln!("{w}");
    }
}

/// Loads and renders the whole site in memory.
pub fn render(options: &BuildOptions) -> Result<(Site, Vec<OutputFile>), Errors> {
    let site = Site::load(options)?;
    let files = render_site(&site)?;
    Ok((site, files))
}

pub fn run(args: &BuildArgs) -> Result<(), Errors> {
    let mut progress = Progress::new();
    output::check_output_dir(&args.options.root, &args.output)?;
    // Taken before loading: a second hoego writing the same folder is turned away at once.
    let lock = output::OutputLock::acquire(&args.output)?;
    progress.stage("loading");
    let t = Instant::now();
    let mut site = match Site::load_once(&args.options) {
        Ok(site) => site,
        Err(e) => {
            release_new_folder(&lock);
            return Err(e);
        }
    };
    site.drop_sources();
    let load_ms = t.elapsed().as_millis();
    print_warnings(&site, args.verbose);
    if let Some(j) = site
        .config
        .jekyll
        .as_ref()
        .filter(|j| !j.ignored.is_empty())
        && args.verbose
    {
        eprintln!(
            "note: _config.yml keys hoego does not use (its theme and plugins are Jekyll's): {}",
            j.ignored.join(", ")
        );
    }
    if args.strict && !site.collisions.is_empty() {
        release_new_folder(&lock);
        return Err(Errors(site.collisions.clone()));
    }
    progress.stage("rendering and writing");
    let t = Instant::now();
    let outcome = output::write_atomically_with(&lock, args.clean, |staging| {
        let (rendered, mut written) = render_site_with(&site, |f| {
            staging.write(&f.path, &output::Source::Bytes(&f.data))
        })?;
        // Files to copy, except where the build generated a file of the same name.
        let rendered: std::collections::HashSet<&str> =
            rendered.iter().map(String::as_str).collect();
        let mut statics = output::plan(&[], &site.statics, &site.theme.statics);
        statics.retain(|path, _| !rendered.contains(path));
        let copied = staging.write_plan(&statics)?;
        written.files += copied.files;
        written.bytes += copied.bytes;
        Ok(written)
    })?;
    let render_ms = t.elapsed().as_millis();
    if std::env::var_os("HOEGO_TIMINGS").is_some() {
        eprintln!("timings: load+markdown {load_ms} ms, templates+write {render_ms} ms");
    }
    if let Some(line) = crate::timings::report() {
        eprintln!("{line}");
    }
    progress.done();
    let posts = site.posts.len();
    let pages = site.standalone.len();
    let mut notes = Vec::new();
    if site.skipped > 0 {
        notes.push(format!("{} drafts or future posts left out", site.skipped));
    }
    if outcome.unknown > 0 {
        notes.push(format!(
            "{} file{} hoego did not make left in place; --clean deletes them",
            outcome.unknown,
            if outcome.unknown == 1 { "" } else { "s" }
        ));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    println!(
        "built {posts} posts, {pages} pages, {} files in {} ms → {}{notes}",
        outcome.written.files,
        progress.start.elapsed().as_millis(),
        args.output.display()
    );
    // The process ends when this returns: the OS takes the whole heap back at once, faster
    // than freeing the site a post at a time (tens of milliseconds at 10,000 posts).
    std::mem::forget(site);
    Ok(())
}

/// A first build that failed before writing anything leaves no empty output folder behind.
fn release_new_folder(lock: &output::OutputLock) {
    if lock.created {
        let _ = std::fs::remove_dir(&lock.dir);
    }
}
