//! The example blog's retrospective and timeline in a real browser (headless Chromium through
//! ChromeDriver; skipped with one line where they are missing, except under `CI=true`): screenshots at 1280 and 390 px wide, light
//! and dark, saved under `target/tmp/screenshots/`, no horizontal scrolling on a phone, and
//! axe-core (tests/vendor/axe.min.js) finding no violations.

mod common;

use common::browser::Browser;
use common::*;
use serde_json::{Value, json};

const AXE: &str = include_str!("vendor/axe.min.js");

const PAGES: &[(&str, &str)] = &[
    ("retrospective", "/2025/2025%EB%85%84-%ED%9A%8C%EA%B3%A0/"),
    ("timeline", "/retrospectives/"),
    ("archive", "/archive/"),
];

/// The repository's example blog, served at `/`.
fn example_blog() -> TestSite {
    let site = TestSite::new();
    copy_tree(&repo_root().join("content"), &site.root().join("content"));
    std::fs::copy(
        repo_root().join("config.toml"),
        site.root().join("config.toml"),
    )
    .unwrap();
    site
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

fn violations(browser: &Browser) -> Vec<String> {
    browser.eval(&format!("{AXE}\n;return true;"));
    let result = browser.eval_async(
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

#[test]
fn retrospective_and_timeline_screenshots_and_accessibility() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = example_blog();
    let server = Server::start(site.root(), &[]);
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let mut problems = Vec::new();
    for (width, height) in [(1280, 900), (390, 844)] {
        browser.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600 }),
        );
        for scheme in ["light", "dark"] {
            browser.cdp(
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
            );
            for (name, path) in PAGES {
                browser.goto(&format!("{}{}", server.url.trim_end_matches('/'), path));
                browser.wait_until(
                    "return document.readyState === 'complete'",
                    20,
                    "the page to load",
                );
                assert_eq!(
                    browser.eval(&format!(
                        "return matchMedia('(prefers-color-scheme: {scheme})').matches"
                    )),
                    Value::Bool(true)
                );
                let shot = browser.cdp(
                    "Page.captureScreenshot",
                    json!({ "format": "png", "captureBeyondViewport": true }),
                );
                let png = base64_decode(shot["data"].as_str().unwrap_or(""));
                assert!(png.starts_with(b"\x89PNG"), "{name}: no screenshot");
                std::fs::write(out.join(format!("{name}-{width}-{scheme}.png")), png).unwrap();
                // Nothing wider than a phone's screen but the charts' own scrolling boxes.
                let overflow = browser.eval(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
                );
                if overflow.as_i64().unwrap_or(1) > 0 {
                    problems.push(format!(
                        "{name} at {width}px scrolls sideways by {overflow}px"
                    ));
                }
                for v in violations(&browser) {
                    problems.push(format!("{name} at {width}px, {scheme}: {v}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!("screenshots in {}", out.display());
}
