//! `hoego serve`: HTTP server, file watcher, incremental rebuilds and live reload.

pub mod http;
pub mod live;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Diagnostic, Errors};
use crate::site::{Base, BuildOptions};
use http::ServerState;
use live::{Live, Report};

pub struct ServeOptions {
    pub build: BuildOptions,
    pub output: PathBuf,
    /// Delete files hoego did not make from the output on the first build.
    pub clean: bool,
    pub bind: IpAddr,
    pub port: u16,
    pub watch: bool,
    pub open: bool,
    pub debounce: Duration,
}

pub fn run(mut opts: ServeOptions) -> Result<(), Errors> {
    // The watcher reports absolute paths: the site root must be absolute too.
    opts.build.root = opts
        .build
        .root
        .canonicalize()
        .map_err(|e| Diagnostic::io(&opts.build.root, "open the site folder", &e))?;
    if opts.output.is_relative() {
        opts.output = std::path::absolute(&opts.output).unwrap_or(opts.output);
    }
    crate::output::check_output_dir(&opts.build.root, &opts.output)?;
    // Held while serving: a `hoego build` into the same folder would fight the rebuilds.
    let mut lock = crate::output::OutputLock::acquire(&opts.output)?;
    lock.created = false;
    let lock = Arc::new(lock);
    let listener =
        std::net::TcpListener::bind(SocketAddr::new(opts.bind, opts.port)).map_err(|e| {
            Diagnostic::new(
                "serve",
                format!("cannot listen on {}:{}: {e}", opts.bind, opts.port),
            )
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Diagnostic::new("serve", e.to_string()))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Diagnostic::new("serve", e.to_string()))?;
    // Links work on whatever host the browser used: root-relative, or under the given path.
    let base_url = opts
        .build
        .base_url
        .clone()
        .unwrap_or_else(|| "/".to_string());
    let base = Base::new(&base_url);
    opts.build.base_url = Some(base_url);

    // Watch before the first build, so no save is missed between the build and the URL.
    let watcher = if opts.watch {
        Some(
            watch::SiteWatcher::new(&opts.build.root, &opts.output, opts.debounce).map_err(
                |e| Diagnostic::new(&opts.build.root, format!("cannot watch for changes: {e}")),
            )?,
        )
    } else {
        None
    };
    let mut shown = crate::warnings::Shown::default();
    let (mut live, first_error) =
        match Live::start(opts.build.clone(), &lock, opts.clean, opts.watch) {
            Ok((live, report)) => {
                print_report(&report);
                print_warnings(&mut shown, &live);
                (Some(live), held_back(&report))
            }
            Err(errors) => {
                eprintln!("{errors}");
                if !opts.watch {
                    return Err(errors);
                }
                eprintln!(
                    "build failed: fix the errors above and save; serving what {} holds meanwhile",
                    opts.output.display()
                );
                (None, Some(errors.to_string()))
            }
        };
    std::fs::create_dir_all(&opts.output)
        .map_err(|e| Diagnostic::io(&opts.output, "create", &e))?;
    let state = ServerState::new(&opts.output, &base.path, opts.watch);
    let host = if opts.bind.is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        addr.ip().to_string()
    };
    let url = format!("http://{host}:{}{}", addr.port(), base.path);
    println!(
        "serving {} at {url}{}",
        opts.output.display(),
        if opts.watch {
            " (watching for changes)"
        } else {
            ""
        }
    );
    if let Some(failed) = first_error {
        state.notify("error", Some(&failed));
    }
    if opts.open {
        open_browser(&url);
    }

    if let Some(mut watcher) = watcher {
        let state = Arc::clone(&state);
        let (build, lock) = (opts.build.clone(), Arc::clone(&lock));
        std::thread::spawn(move || {
            while let Some(paths) = watcher.next_batch() {
                rebuild(&mut live, &build, &lock, &paths, &state);
                if let Some(l) = &live {
                    print_warnings(&mut shown, l);
                }
            }
        });
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::new("serve", e.to_string()))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Diagnostic::new("serve", e.to_string()))?;
        axum::serve(listener, http::router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Diagnostic::new("serve", e.to_string()))
    })?;
    Ok(())
}

fn rebuild(
    live: &mut Option<Live>,
    build: &BuildOptions,
    lock: &Arc<crate::output::OutputLock>,
    paths: &[PathBuf],
    state: &ServerState,
) {
    let result = match live {
        Some(l) => l.rebuild(paths),
        None => Live::start(build.clone(), lock, false, true).map(|(l, report)| {
            *live = Some(l);
            report
        }),
    };
    match result {
        Ok(mut report) => {
            if report.changed.is_empty() {
                report.changed = paths.iter().map(|p| p.display().to_string()).collect();
            }
            print_report(&report);
            let had_error = state.error.lock().map(|e| e.is_some()).unwrap_or(false);
            if report.css_only() {
                state.notify("css", None);
            } else if !report.written.is_empty() || !report.removed.is_empty() || had_error {
                state.notify("reload", None);
            }
            if let Some(message) = held_back(&report) {
                state.notify("error", Some(&message));
            }
        }
        Err(errors) => {
            eprintln!("{errors}");
            eprintln!("rebuild failed: still serving the last good site");
            state.notify("error", Some(&errors.to_string()));
        }
    }
}

/// The site's warnings not printed since the last build (a repeated one counted after a
/// few, as `hoego build` does).
fn print_warnings(shown: &mut crate::warnings::Shown, live: &Live) {
    for line in shown.new_lines(&live.site().warnings()) {
        eprintln!("warning: {line}");
    }
}

/// The errors of files held back at their last good version, printed and returned for the
/// browser's overlay.
fn held_back(r: &Report) -> Option<String> {
    if r.held_back.is_empty() {
        return None;
    }
    let errors = Errors(r.held_back.clone());
    eprintln!("{errors}");
    let files: std::collections::BTreeSet<_> = r.held_back.iter().map(|d| &d.path).collect();
    eprintln!(
        "{} file{} did not load: serving {} last good version; everything else is up to date",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        if files.len() == 1 { "its" } else { "their" }
    );
    Some(errors.to_string())
}

fn print_report(r: &Report) {
    let what = if r.changed.is_empty() {
        "built".to_string()
    } else if r.changed.len() <= 3 {
        format!("{} changed", r.changed.join(", "))
    } else {
        format!("{} files changed", r.changed.len())
    };
    println!(
        "{what}: {} {} rendered, {} written, {} removed in {} ms{}",
        r.rendered,
        if r.rendered == 1 { "page" } else { "pages" },
        r.written.len(),
        r.removed.len(),
        r.millis,
        if r.full && !r.changed.is_empty() {
            " (full rebuild)".to_string()
        } else if r.full {
            String::new()
        } else {
            format!(
                " (markdown {} ms, templates {} ms, write {} ms)",
                r.phases[0], r.phases[1], r.phases[2]
            )
        }
    );
    if let Some(line) = crate::timings::take_report() {
        println!("{line}");
    }
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(cmd).arg(url).spawn() {
        eprintln!("could not open a browser ({cmd}: {e}); open {url} yourself");
    }
}
