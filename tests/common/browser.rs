//! A real browser for tests: Debian's headless Chromium driven through ChromeDriver (installed
//! by `.ci/setup`) over the W3C WebDriver REST API. On a machine without them the browser
//! tests are skipped with one line each, except under CI=true (see `super::require`).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// `None` when Chromium or ChromeDriver is not on `PATH` (the test is then skipped, and
    /// under CI=true fails instead).
    #[track_caller]
    pub fn start() -> Option<Browser> {
        let chromium = super::find_on_path(&[
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]);
        if !super::require("chromium", chromium.is_some(), "run .ci/setup")
            || !super::require_tool("chromedriver")
        {
            return None;
        }
        let chromium = chromium.unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let until = Instant::now() + Duration::from_secs(30);
        while ureq::get(&format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < until, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.display().to_string(),
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--window-size=1280,900",
                         format!("--user-data-dir={}", profile.path().display())]
            }
        }}});
        let mut browser = Browser {
            driver,
            base,
            session: String::new(),
            _profile: profile,
        };
        let resp = browser.call("POST", "/session", caps);
        browser.session = resp["sessionId"].as_str().expect("session id").to_string();
        Some(browser)
    }

    pub fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = if path == "/session" {
            format!("{}{path}", self.base)
        } else {
            format!("{}/session/{}{path}", self.base, self.session)
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut resp = match method {
            "POST" => agent.post(&url).send_json(&body),
            "DELETE" => agent.delete(&url).call(),
            _ => agent.get(&url).call(),
        }
        .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
        let value: Value = resp.body_mut().read_json().unwrap_or(Value::Null);
        if let Some(err) = value["value"].get("error") {
            panic!(
                "webdriver {method} {path}: {err}: {}",
                value["value"]["message"]
            );
        }
        value.get("value").cloned().unwrap_or(Value::Null)
    }

    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    pub fn eval(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": [] }),
        )
    }

    /// Runs an asynchronous script: it calls its last argument with the result.
    pub fn eval_async(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/async",
            json!({ "script": script, "args": [] }),
        )
    }

    /// A Chrome DevTools Protocol command (emulation, full-page screenshots).
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.call(
            "POST",
            "/goog/cdp/execute",
            json!({ "cmd": cmd, "params": params }),
        )
    }

    /// Polls a script until it returns `true`.
    #[track_caller]
    pub fn wait_until(&self, script: &str, secs: u64, what: &str) {
        let until = Instant::now() + Duration::from_secs(secs);
        loop {
            if self.eval(script) == Value::Bool(true) {
                return;
            }
            assert!(Instant::now() < until, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into();
            let _ = agent
                .delete(&format!("{}/session/{}", self.base, self.session))
                .call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Browser {
    /// The WebDriver id of the first element matching a CSS selector.
    pub fn find(&self, css: &str) -> String {
        let el = self.call(
            "POST",
            "/element",
            json!({ "using": "css selector", "value": css }),
        );
        el.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element id for {css}: {el}"))
            .to_string()
    }

    /// Types `text` into an element, as a user would (focus, key events, input events).
    pub fn send_keys(&self, element: &str, text: &str) {
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            json!({ "text": text }),
        );
    }

    /// Empties an input.
    pub fn clear(&self, element: &str) {
        self.call("POST", &format!("/element/{element}/clear"), json!({}));
    }
}

/// axe-core, vendored from npm (tests/vendor/README.md).
pub const AXE: &str = include_str!("../vendor/axe.min.js");

impl Browser {
    /// Opens a URL and waits until the page and its deferred scripts have run.
    #[track_caller]
    pub fn open(&self, url: &str) {
        self.goto(url);
        self.wait_until(
            "return document.readyState === 'complete'",
            20,
            "the page to load",
        );
    }

    /// The window as a phone (`width` < 600) or a desktop browser has it.
    pub fn set_viewport(&self, width: u32, height: u32) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600 }),
        );
    }

    /// The system's colour scheme, `light` or `dark`, as `prefers-color-scheme` reports it.
    pub fn set_color_scheme(&self, scheme: &str) {
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        );
    }

    /// A PNG of the whole page, written to `path`.
    #[track_caller]
    pub fn screenshot(&self, path: &std::path::Path) {
        let shot = self.cdp(
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": true }),
        );
        let png = base64_decode(shot["data"].as_str().unwrap_or(""));
        assert!(
            png.starts_with(b"\x89PNG"),
            "{}: no screenshot",
            path.display()
        );
        std::fs::write(path, png).unwrap();
    }

    /// How far the page scrolls sideways (0 when it fits the window).
    pub fn sideways_overflow(&self) -> i64 {
        self.eval(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
        )
        .as_i64()
        .unwrap_or(1)
    }

    /// axe-core's violations on the page as it is, one line each: `rule (impact): target —
    /// why`. Every rule axe runs by default (WCAG 2.x A/AA and best practices).
    pub fn axe_violations(&self) -> Vec<String> {
        if self.eval("return typeof axe !== 'undefined'") != Value::Bool(true) {
            self.eval(&format!("{AXE}\n;return true;"));
        }
        let result = self.eval_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' +
                 v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary).join(' | '))))
               .catch(e => done(['axe failed: ' + e]));",
        );
        result
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|v| v.as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_else(|| vec![format!("unexpected axe result: {result}")])
    }
}

/// The folder the browser tests save screenshots in: `target/tmp/screenshots/`.
pub fn screenshot_dir() -> std::path::PathBuf {
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&out).unwrap();
    out
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, d)| n | (u32::from(*d) << (18 - 6 * i)));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}
