//! `hoego build`: load → render → write, then a one-line summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::error::Errors;
use crate::output;
use crate::site::render::{OutputFile, render_site, render_site_with};
use crate::site::{BuildOptions, Site};

pub struct BuildArgs {
    pub options: BuildOptions,
    pub output: PathBuf,
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

/// The build's warnings, then one line when the base URL has no host (`hoego serve`, whose
/// links are root-relative on purpose, prints its warnings itself).
pub fn print_warnings(site: &Site) {
    for w in &site.warnings {
        eprintln!("warning: {w}");
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
    progress.stage("loading");
    let t = Instant::now();
    let mut site = Site::load(&args.options)?;
    site.drop_sources();
    let load_ms = t.elapsed().as_millis();
    print_warnings(&site);
    progress.stage("rendering and writing");
    let t = Instant::now();
    let written = output::write_atomically_with(&args.output, |staging| {
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
    progress.done();
    let posts = site.posts.len();
    let pages = site.standalone.len();
    let skipped = if site.skipped > 0 {
        format!(" ({} drafts or future posts left out)", site.skipped)
    } else {
        String::new()
    };
    println!(
        "built {posts} posts, {pages} pages, {} files in {} ms → {}{skipped}",
        written.files,
        progress.start.elapsed().as_millis(),
        args.output.display()
    );
    Ok(())
}
