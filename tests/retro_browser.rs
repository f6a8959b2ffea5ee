//! The example blog's retrospective and timeline in a real browser (headless Chromium through
//! ChromeDriver; skipped with one line where they are missing, except under `CI=true`): screenshots at 1280 and 390 px wide, light
//! and dark, saved under `target/tmp/screenshots/`, no horizontal scrolling on a phone, and
//! axe-core (tests/vendor/axe.min.js) finding no violations.

mod common;

use common::browser::{Browser, screenshot_dir};
use common::*;
use serde_json::Value;

const PAGES: &[(&str, &str)] = &[
    ("retrospective", "/2025/2025%EB%85%84-%ED%9A%8C%EA%B3%A0/"),
    ("timeline", "/retrospectives/"),
    ("archive", "/archive/"),
];

#[test]
fn retrospective_and_timeline_screenshots_and_accessibility() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = TestSite::example_blog();
    let server = Server::start(site.root(), &[]);
    let out = screenshot_dir();
    let mut problems = Vec::new();
    for (width, height) in [(1280, 900), (390, 844)] {
        browser.set_viewport(width, height);
        for scheme in ["light", "dark"] {
            browser.set_color_scheme(scheme);
            for (name, path) in PAGES {
                browser.open(&format!("{}{}", server.url.trim_end_matches('/'), path));
                assert_eq!(
                    browser.eval(&format!(
                        "return matchMedia('(prefers-color-scheme: {scheme})').matches"
                    )),
                    Value::Bool(true)
                );
                browser.screenshot(&out.join(format!("{name}-{width}-{scheme}.png")));
                // Nothing wider than a phone's screen but the charts' own scrolling boxes.
                let overflow = browser.sideways_overflow();
                if overflow > 0 {
                    problems.push(format!(
                        "{name} at {width}px scrolls sideways by {overflow}px"
                    ));
                }
                for v in browser.axe_violations() {
                    problems.push(format!("{name} at {width}px, {scheme}: {v}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!("screenshots in {}", out.display());
}
