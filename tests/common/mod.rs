//! Test helpers: a throwaway site in a temp dir, built by the real `hoego` binary.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub output: Output,
}

impl Run {
    pub fn ok(&self) -> bool {
        self.output.status.success()
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert!(
            self.ok(),
            "hoego failed\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
    #[track_caller]
    pub fn assert_failed(&self) -> &Self {
        assert!(
            !self.ok(),
            "hoego should have failed\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

/// The real binary. The highlight cache is off: tests must not fill the user's cache folder
/// (the one test of the cache turns it on with a folder of its own).
pub fn hoego() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hoego"));
    cmd.env("HOEGO_NO_CACHE", "1");
    cmd
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether CI is running the tests (`CI=true`, as GitHub Actions and this project's CI set
/// it): then nothing may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Whether a test that needs `what` can run. When `found` is false the test is skipped with
/// one line, `skipped: WHAT not found — HINT`; under `CI=true` it fails instead, so that CI
/// never passes by skipping.
#[track_caller]
pub fn require(what: &str, found: bool, hint: &str) -> bool {
    if found {
        return true;
    }
    if in_ci() {
        panic!("{what} not found — {hint} (CI=true: no test may be skipped)");
    }
    // Straight to the process's stderr rather than through `eprintln!`, which the test
    // harness captures for tests that pass: the line shows in a plain `cargo test`.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {what} not found — {hint}");
    false
}

/// The first of `names` found on `PATH`, as a full path.
pub fn find_on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    names.iter().find_map(|name| {
        dirs.iter().find_map(|dir| {
            [dir.join(name), dir.join(format!("{name}.exe"))]
                .into_iter()
                .find(|p| p.is_file())
        })
    })
}

/// Whether the command `tool` (installed by `.ci/setup`) is on `PATH`; see [`require`].
#[track_caller]
pub fn require_tool(tool: &str) -> bool {
    require(tool, find_on_path(&[tool]).is_some(), "run .ci/setup")
}

/// `../shared` beside the repository: the project's test data (seed posts, the benchmark
/// corpus generator). A clone of the repository alone does not have it; see [`require`].
#[track_caller]
pub fn require_shared() -> Option<PathBuf> {
    let shared = repo_root().join("../shared");
    let found = shared.join("corpus/seeds").is_dir();
    require(
        "../shared",
        found,
        "the test data beside the repository (CI has it)",
    )
    .then_some(shared)
}

impl TestSite {
    /// The repository's example blog (config.toml and content/, no themes/) in a temp dir.
    pub fn example_blog() -> TestSite {
        let site = TestSite::new();
        copy_tree(&repo_root().join("content"), &site.root().join("content"));
        std::fs::copy(
            repo_root().join("config.toml"),
            site.root().join("config.toml"),
        )
        .unwrap();
        site
    }

    pub fn new() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A site with a minimal config.
    pub fn with_config(config: &str) -> TestSite {
        let site = TestSite::new();
        site.write("config.toml", config);
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let output = hoego()
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run hoego");
        Run { output }
    }

    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    pub fn public(&self, rel: &str) -> PathBuf {
        self.root().join("public").join(rel)
    }

    #[track_caller]
    pub fn read(&self, rel: &str) -> String {
        let path = self.public(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; files: {:?}",
                path.display(),
                list_files(&self.root().join("public"))
                    .keys()
                    .collect::<Vec<_>>()
            )
        })
    }

    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }
}

/// Every file below `dir` with its bytes, by relative path.
pub fn list_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

pub fn text(el: &scraper::ElementRef) -> String {
    el.text().collect::<String>()
}

/// Copies a folder tree (the example blog, a fixture) into `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A `hoego serve` process, killed when dropped.
pub struct Server {
    pub child: std::process::Child,
    pub url: String,
    pub log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    /// Starts `hoego serve --port 0 ARGS` in `root` and waits for the URL it prints.
    pub fn start(root: &Path, args: &[&str]) -> Server {
        use std::io::BufRead;
        let mut child = hoego()
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(root)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start hoego serve");
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let log = log.clone();
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(stream)
                    .lines()
                    .map_while(Result::ok)
                {
                    if let Some(i) = line.find("http://") {
                        let _ = tx.send(
                            line[i..]
                                .split_whitespace()
                                .next()
                                .unwrap_or("")
                                .to_string(),
                        );
                    }
                    log.lock().unwrap().push_str(&(line + "\n"));
                }
            });
        }
        let url = rx
            .recv_timeout(std::time::Duration::from_secs(120))
            .unwrap_or_else(|_| panic!("no URL from hoego serve:\n{}", log.lock().unwrap()));
        Server { child, url, log }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until the server's output (stdout and stderr, read by two threads) contains
    /// `text`, for up to `secs` seconds.
    #[track_caller]
    pub fn wait_for_log(&self, text: &str, secs: u64) {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        while !self.log().contains(text) {
            assert!(
                std::time::Instant::now() < until,
                "`{text}` never appeared in the server log:\n{}",
                self.log()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// GET a site path (already percent-encoded): status, content type and body.
    pub fn get(&self, path: &str) -> (u16, String, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        let url = format!("{}{}", self.url.trim_end_matches('/'), path);
        let mut resp = agent
            .get(&url)
            .call()
            .unwrap_or_else(|e| panic!("GET {url}: {e}"));
        let status = resp.status().as_u16();
        let ctype = resp
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap_or("").to_string())
            .unwrap_or_default();
        let body = resp.body_mut().read_to_string().unwrap_or_default();
        (status, ctype, body)
    }

    /// Polls `path` until its body satisfies `ok`, for up to `secs` seconds.
    #[track_caller]
    pub fn wait_for(&self, path: &str, secs: u64, what: &str, ok: impl Fn(u16, &str) -> bool) {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let (status, _, body) = self.get(path);
            if ok(status, &body) {
                return;
            }
            if std::time::Instant::now() > until {
                panic!(
                    "timed out waiting for {what} at {path} (last status {status})\nserver log:\n{}",
                    self.log()
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// Sends a raw request line, so paths reach the server exactly as written.
    pub fn raw_status(&self, target: &str) -> u16 {
        use std::io::{Read, Write};
        let addr = self
            .url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        let _ = s.read_to_string(&mut response);
        response
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0)
    }
}

/// Waits until the server log has been quiet for a moment: no rebuild in flight.
pub fn settle(server: &Server) {
    let mut last = server.log();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(400));
        let now = server.log();
        if now == last {
            return;
        }
        last = now;
    }
}

/// The served folder holds exactly what `hoego build --base-url /` writes.
#[track_caller]
pub fn assert_same_as_clean_build(site: &TestSite, server: &Server) {
    settle(server);
    // Outside the site: a Jekyll site publishes every folder at its top, and a folder being
    // built there is one the server would see.
    let out = tempfile::tempdir().unwrap();
    let clean_dir = out.path().join("clean");
    site.build(&["--base-url", "/", "--output", clean_dir.to_str().unwrap()])
        .assert_ok();
    let served = list_files(&site.root().join("public"));
    let clean = list_files(&clean_dir);
    let served_names: Vec<_> = served.keys().collect();
    let clean_names: Vec<_> = clean.keys().collect();
    assert_eq!(
        served_names,
        clean_names,
        "file lists differ\nlog:\n{}",
        server.log()
    );
    for (name, bytes) in &clean {
        assert!(
            &served[name] == bytes,
            "{name} differs from a clean build\nlog:\n{}",
            server.log()
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
pub mod browser;
