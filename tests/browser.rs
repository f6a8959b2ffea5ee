//! Real-browser tests: Debian's headless Chromium driven through ChromeDriver (installed by
//! `.ci/setup`). Skipped, with one line, on a machine without them, except under CI=true.

mod common;

use std::time::Duration;

use common::browser::Browser;
use common::*;
use serde_json::Value;

#[test]
fn the_open_page_reloads_itself_after_a_save_and_shows_errors() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = TestSite::with_config("title = \"브라우저\"\n");
    let post = site.root().join("content/posts/2023-12-31-초안.md");
    site.write(
        "content/posts/2023-12-31-초안.md",
        "---\ntitle: 초안\n---\n처음 문장.\n",
    );
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    browser.goto(&format!("{}2023/%EC%B4%88%EC%95%88/", server.url));
    browser.wait_until(
        "return document.body.innerText.includes('처음 문장')",
        20,
        "the post to load",
    );
    // A mark on this page: it goes away only if the page reloads.
    browser.eval("window.__before_reload = true; return true;");
    browser.wait_until(
        "return !!window.__hoegoLiveReload",
        10,
        "the live-reload script",
    );
    // Give the WebSocket a moment to connect before saving.
    std::thread::sleep(Duration::from_millis(300));

    std::fs::write(&post, "---\ntitle: 초안\n---\n고친 문장.\n").unwrap();
    browser.wait_until(
        "return document.body.innerText.includes('고친 문장')",
        20,
        "the edit to show without navigation",
    );
    assert_eq!(
        browser.eval("return window.__before_reload === undefined"),
        Value::Bool(true),
        "the page reloaded itself"
    );

    // Bad front matter: an overlay with the file and line, over the last good page.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&post, "---\ntitle: [고장\n---\n고장.\n").unwrap();
    browser.wait_until(
        "return !!document.getElementById('hoego-error-overlay')",
        20,
        "the error overlay",
    );
    let overlay = browser.eval("return document.getElementById('hoego-error-overlay').innerText");
    assert!(
        overlay.as_str().unwrap().contains("2023-12-31-초안.md:2"),
        "{overlay}"
    );
    assert_eq!(
        browser.eval("return document.body.innerText.includes('고친 문장')"),
        Value::Bool(true)
    );

    // Fixing it removes the overlay and shows the new text.
    std::fs::write(&post, "---\ntitle: 초안\n---\n다시 고친 문장.\n").unwrap();
    browser.wait_until(
        "return document.body.innerText.includes('다시 고친 문장') && !document.getElementById('hoego-error-overlay')",
        20,
        "the overlay to go",
    );
}
