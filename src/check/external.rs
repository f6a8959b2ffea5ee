//! `hoego check --external`: fetches links to other sites, a few at a time, with the
//! system's `curl` (on Linux, macOS and Windows 10+ alike). Using curl rather than a Rust
//! TLS stack keeps hoego free of C code at build time: rustls' crypto providers need a C
//! compiler, and hoego is installed with `cargo install` by writers, not only developers.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// What fetching one URL gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A 2xx or 3xx status (after following redirects).
    Ok(u16),
    /// 429: the server asked to slow down; not counted as broken.
    RateLimited,
    /// A 4xx or 5xx status.
    Status(u16),
    /// No response: DNS, connection, TLS or timeout.
    Failed(String),
}

impl Outcome {
    pub fn is_broken(&self) -> bool {
        matches!(self, Outcome::Status(_) | Outcome::Failed(_))
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Ok(s) => write!(f, "HTTP {s}"),
            Outcome::RateLimited => write!(f, "HTTP 429, rate limited; not counted"),
            Outcome::Status(s) => write!(f, "HTTP {s}"),
            Outcome::Failed(e) => write!(f, "{e}"),
        }
    }
}

pub struct FetchOptions {
    pub timeout: Duration,
    /// Requests in flight at once.
    pub parallel: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(10),
            parallel: 8,
        }
    }
}

/// Fetches every URL (HEAD, then GET when HEAD is refused or fails), in the given order.
pub fn fetch_all(urls: &[String], opts: &FetchOptions) -> Vec<Outcome> {
    if std::process::Command::new("curl")
        .arg("--version")
        .output()
        .is_err()
    {
        return urls
            .iter()
            .map(|_| Outcome::Failed("`curl` is needed for --external and was not found".into()))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; urls.len()]);
    std::thread::scope(|scope| {
        for _ in 0..opts.parallel.clamp(1, urls.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    let outcome = fetch(url, opts.timeout);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(outcome);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Outcome::Failed("not fetched".into())))
        .collect()
}

fn fetch(url: &str, timeout: Duration) -> Outcome {
    let head = request(url, true, timeout);
    match head {
        Outcome::Ok(_) | Outcome::RateLimited => head,
        // Many servers refuse or mishandle HEAD: ask again with GET.
        _ => request(url, false, timeout),
    }
}

/// One request through curl: following redirects, body discarded, status code printed.
fn request(url: &str, head: bool, timeout: Duration) -> Outcome {
    let mut cmd = std::process::Command::new("curl");
    cmd.args([
        "--silent",
        "--show-error",
        "--location",
        "--max-redirs",
        "10",
        "--output",
    ])
    .arg(if cfg!(windows) { "NUL" } else { "/dev/null" })
    .args(["--write-out", "%{http_code}", "--max-time"])
    .arg(timeout.as_secs().max(1).to_string())
    .args([
        "--user-agent",
        concat!("hoego-check/", env!("CARGO_PKG_VERSION")),
    ]);
    if head {
        cmd.arg("--head");
    }
    // `--` so a URL can never be read as an option.
    cmd.arg("--").arg(url);
    match cmd.output() {
        Err(e) => Outcome::Failed(format!("cannot run curl: {e}")),
        Ok(out) => {
            let code: u16 = String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse()
                .unwrap_or(0);
            match code {
                0 => Outcome::Failed(
                    String::from_utf8_lossy(&out.stderr)
                        .trim()
                        .trim_start_matches("curl: ")
                        .to_string(),
                ),
                429 => Outcome::RateLimited,
                s if s >= 400 => Outcome::Status(s),
                s => Outcome::Ok(s),
            }
        }
    }
}
