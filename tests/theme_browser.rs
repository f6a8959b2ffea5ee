//! The default theme in a real browser (headless Chromium through ChromeDriver; skipped with
//! one line where they are missing, except under `CI=true`): axe-core finds no violation on
//! any page type of the example blog, light and dark (the system's, and the reader's choice
//! through the toggle), at 1280 and 390 px; the toggle remembers the choice and applies it
//! before the first paint; code blocks have a keyboard-usable copy button and scroll by
//! keyboard when wide; comments load only on posts, and only when scrolled near; Korean
//! lines break between words, Japanese and Chinese lines between any two characters.

mod common;

use common::browser::{Browser, screenshot_dir};
use common::*;
use serde_json::Value;

/// One page of each type the theme has.
const PAGES: &[(&str, &str)] = &[
    ("home", "/"),
    ("home-2", "/page/2/"),
    ("post", "/2025/parsing-dates-in-rust/"),
    (
        "post-ko",
        "/2025/%EB%8F%99%EB%84%A4-%EB%B9%B5%EC%A7%91-%EC%82%B0%EC%B1%85/",
    ),
    ("page", "/about/"),
    ("tags", "/tags/"),
    ("tag", "/tags/%ED%9A%8C%EA%B3%A0/"),
    ("categories", "/categories/"),
    (
        "category",
        "/categories/%EA%B0%9C%EB%B0%9C/%EA%B8%B0%EB%A1%9D/",
    ),
    ("series-list", "/series/"),
    ("series", "/series/%EC%97%B0%EA%B0%84-%ED%9A%8C%EA%B3%A0/"),
    ("archive", "/archive/"),
    ("search", "/search/?q=%ED%9A%8C%EA%B3%A0%EB%A5%BC"),
    ("404", "/no/such/page/"),
    ("timeline", "/retrospectives/"),
];

fn url(server: &Server, path: &str) -> String {
    format!("{}{}", server.url.trim_end_matches('/'), path)
}

/// The reader's stored choice: `None` follows the system.
fn choose(browser: &Browser, choice: Option<&str>) {
    match choice {
        Some(c) => browser.eval(&format!("localStorage.setItem('hoego-theme', '{c}')")),
        None => browser.eval("localStorage.removeItem('hoego-theme')"),
    };
}

/// Whether the page is drawn dark: the body's background is darker than mid-grey.
fn looks_dark(browser: &Browser) -> bool {
    browser
        .eval(
            "const c = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
             return (c[0] + c[1] + c[2]) / 3 < 128;",
        )
        .as_bool()
        .unwrap()
}

#[test]
fn every_page_type_passes_axe_light_and_dark_desktop_and_phone() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = TestSite::example_blog();
    let server = Server::start(site.root(), &[]);
    let out = screenshot_dir();
    let mut problems = Vec::new();
    let mut runs = 0;
    // The system's scheme, and the reader's choice against it.
    let modes: &[(&str, &str, Option<&str>)] = &[
        ("light", "light", None),
        ("dark", "dark", None),
        ("chosen-dark", "light", Some("dark")),
        ("chosen-light", "dark", Some("light")),
    ];
    browser.open(&url(&server, "/"));
    for (width, height) in [(1280, 900), (390, 844)] {
        browser.set_viewport(width, height);
        for &(mode, system, choice) in modes {
            browser.set_color_scheme(system);
            choose(&browser, choice);
            for (name, path) in PAGES {
                browser.open(&url(&server, path));
                if *name == "search" {
                    browser.wait_until(
                        "return document.querySelectorAll('#search-results li').length > 0",
                        20,
                        "search results",
                    );
                }
                let dark = mode.ends_with("dark");
                if looks_dark(&browser) != dark {
                    problems.push(format!(
                        "{name} at {width}px, {mode}: drawn in the wrong scheme"
                    ));
                }
                if choice.is_none() || width == 1280 {
                    browser.screenshot(&out.join(format!("theme-{name}-{width}-{mode}.png")));
                }
                let overflow = browser.sideways_overflow();
                if overflow > 0 {
                    problems.push(format!(
                        "{name} at {width}px scrolls sideways by {overflow}px"
                    ));
                }
                runs += 1;
                for v in browser.axe_violations() {
                    problems.push(format!("{name} at {width}px, {mode}: {v}"));
                }
            }
        }
    }
    choose(&browser, None);
    assert_eq!(runs, PAGES.len() * 2 * modes.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!(
        "{runs} axe runs, no violations; screenshots in {}",
        out.display()
    );
}

#[test]
fn the_toggle_remembers_the_choice_and_applies_it_before_the_first_paint() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = TestSite::example_blog();
    let server = Server::start(site.root(), &[]);
    browser.set_color_scheme("light");
    browser.open(&url(&server, "/"));
    choose(&browser, None);
    browser.open(&url(&server, "/about/"));
    assert!(!looks_dark(&browser), "light system, no choice: light");
    let toggle = browser.find("[data-theme-toggle]");
    assert_eq!(
        browser.eval(
            "return document.querySelector('[data-theme-toggle]').getAttribute('aria-pressed')"
        ),
        Value::String("false".into())
    );
    browser.call(
        "POST",
        &format!("/element/{toggle}/click"),
        serde_json::json!({}),
    );
    assert!(looks_dark(&browser), "one click: dark");
    assert_eq!(
        browser.eval("return localStorage.getItem('hoego-theme')"),
        Value::String("dark".into())
    );
    assert_eq!(
        browser.eval(
            "return document.querySelector('[data-theme-toggle]').getAttribute('aria-pressed')"
        ),
        Value::String("true".into())
    );
    // Another page: dark from the start. The inline script in <head> has set the attribute
    // before the stylesheet and the body were read, so the first paint is dark already.
    browser.open(&url(&server, "/archive/"));
    assert_eq!(
        browser.eval("return document.documentElement.getAttribute('data-theme')"),
        Value::String("dark".into())
    );
    assert!(looks_dark(&browser));
    let head = browser
        .eval("return document.head.innerHTML")
        .as_str()
        .unwrap()
        .to_string();
    let script = head.find("hoego-theme").expect("the inline theme script");
    let css = head.find("css/style.css").expect("the stylesheet");
    assert!(
        script < css,
        "the theme is chosen before the stylesheet loads"
    );
    // Highlighted code follows the choice too, not the system.
    browser.open(&url(&server, "/2025/parsing-dates-in-rust/"));
    let code_bg = browser.eval(
        "const c = getComputedStyle(document.querySelector('pre.hl-code')).backgroundColor.match(/\\d+/g).map(Number);
         return (c[0] + c[1] + c[2]) / 3;",
    );
    assert!(code_bg.as_f64().unwrap() < 128.0, "dark code: {code_bg}");
    // The keyboard works it: Enter on the focused button goes back to light.
    let toggle = browser.find("[data-theme-toggle]");
    browser.send_keys(&toggle, "\u{E007}");
    assert!(!looks_dark(&browser), "Enter: light again");
    choose(&browser, None);
}

#[test]
fn code_blocks_copy_by_keyboard_and_scroll_by_keyboard_when_wide() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = TestSite::example_blog();
    let server = Server::start(site.root(), &[]);
    browser.set_viewport(390, 844);
    browser.cdp(
        "Browser.grantPermissions",
        serde_json::json!({ "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
    );
    browser.open(&url(&server, "/2025/parsing-dates-in-rust/"));
    let blocks = browser.eval("return document.querySelectorAll('.prose pre').length");
    let buttons =
        browser.eval("return document.querySelectorAll('.code-block > button.copy-code').length");
    assert!(blocks.as_u64().unwrap() > 0);
    assert_eq!(blocks, buttons, "one copy button per code block");
    // Every block too wide for a phone is a named region in the tab order.
    let wide = browser.eval(
        "return [...document.querySelectorAll('.prose pre')].filter(p => p.scrollWidth > p.clientWidth + 1)
           .map(p => [p.tabIndex, p.getAttribute('role'), p.getAttribute('aria-label')])",
    );
    let wide = wide.as_array().unwrap();
    assert!(!wide.is_empty(), "the post has code wider than 390 px");
    for w in wide {
        assert_eq!(w[0], 0, "{w}");
        assert_eq!(w[1], "region", "{w}");
        assert!(
            w[2].as_str().unwrap().starts_with("Code block")
                || w[2].as_str().unwrap().starts_with("코드 블록"),
            "{w}"
        );
    }
    // Focus the first button and press Enter: the code is on the clipboard.
    let button = browser.find(".code-block > button.copy-code");
    browser.send_keys(&button, "\u{E007}");
    browser.wait_until(
        "return document.querySelector('.copy-code').hasAttribute('data-copied')",
        5,
        "the copied state",
    );
    let copied = browser.eval_async(
        "const done = arguments[arguments.length - 1];
         navigator.clipboard.readText().then(done, e => done('read failed: ' + e));",
    );
    let expected = browser
        .eval("return document.querySelector('.prose pre code').textContent.replace(/\\n$/, '')");
    assert_eq!(copied, expected);
    assert_eq!(
        browser.eval("return document.querySelector('.code-block [role=status]').textContent"),
        browser.eval("return document.querySelector('.copy-code').textContent"),
        "the live region says it was copied"
    );
}

#[test]
fn comments_load_on_posts_only_and_only_when_scrolled_near() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = TestSite::example_blog();
    let server = Server::start(site.root(), &[]);
    browser.set_viewport(1280, 900);
    let loaded = "return [...document.querySelectorAll('script')].some(s => s.src.startsWith('https://giscus.app/'))";
    // A long post: nothing asked of giscus until the reader gets near the end.
    browser.open(&url(&server, "/2025/2025%EB%85%84-%ED%9A%8C%EA%B3%A0/"));
    assert_eq!(
        browser.eval("return document.querySelectorAll('[data-comments]').length"),
        1
    );
    assert_eq!(
        browser.eval(loaded),
        Value::Bool(false),
        "loaded before scrolling"
    );
    browser.eval("document.getElementById('comments').scrollIntoView()");
    browser.wait_until(loaded, 5, "giscus to be requested");
    let attrs = browser.eval(
        "const s = [...document.querySelectorAll('script')].find(s => s.src.startsWith('https://giscus.app/'));
         return [s.dataset.repo, s.dataset.mapping, s.dataset.theme, s.dataset.lang];",
    );
    assert_eq!(
        attrs,
        serde_json::json!(["hoego/hoego", "pathname", "light", "ko"])
    );
    // Not on other pages.
    for path in ["/", "/about/", "/tags/", "/archive/", "/categories/"] {
        browser.open(&url(&server, path));
        browser.eval("window.scrollTo(0, document.body.scrollHeight)");
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert_eq!(
            browser.eval("return document.querySelectorAll('[data-comments]').length"),
            0,
            "{path}"
        );
        assert_eq!(browser.eval(loaded), Value::Bool(false), "{path}");
    }
}

/// The widths of the lines `selector`'s text is laid out in, each over the element's width.
fn line_fill(browser: &Browser, selector: &str) -> Vec<f64> {
    let v = browser.eval(&format!(
        "const el = document.querySelector('{selector}');
         const r = document.createRange(); r.selectNodeContents(el);
         const lines = new Map();
         for (const b of r.getClientRects()) {{
           const top = Math.round(b.top);
           lines.set(top, Math.max(lines.get(top) || 0, b.right) );
         }}
         const box = el.getBoundingClientRect();
         return [...lines.values()].map(right => (right - box.left) / box.width);"
    ));
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

#[test]
fn japanese_and_chinese_lines_fill_the_column_and_korean_keeps_words_whole() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = TestSite::with_config(
        "title = \"t\"\nbase_url = \"https://example.com/\"\nlanguage = \"ko\"\n",
    );
    // Japanese: short clauses between commas, no spaces.
    let ja = "人工知能が人間の補助ツールを超え、自ら社会的関係を形成し、独自の秩序を構築する時代が\
              ついに現実のものとなった。起業家が発表したネットワークは、人間の直接的な参加を遮断し、\
              検証済みのエージェントのみが活動できるように設計された。";
    site.write(
        "content/posts/2026-02-09-ja.md",
        &format!("---\ntitle: ja\nlang: ja\n---\n\n{ja}\n\n<span lang=\"ko\">한국어 문장</span>\n\n```rust\nlet 한국어_변수_이름 = 1;\n```\n"),
    )
    .write(
        "content/posts/2026-02-10-zh.md",
        "---\ntitle: zh\nlang: zh-TW\n---\n\n技術社群將此現象稱為大逆轉，視其為翻轉自動化爭議版圖的重要轉折點，過去人類將機器當作提升生產力的工具，現在則是高度智慧化的代理人為了達成特定目標而使用人類。\n",
    )
    .write(
        "content/posts/2026-02-11-ko.md",
        "---\ntitle: ko\n---\n\n인공지능이 사람의 보조 도구를 넘어서 스스로 사회적 관계를 만들고 독자적인 질서를 세우는 시대가 마침내 현실이 되었다는 소식이 전해졌다.\n",
    );
    let server = Server::start(site.root(), &[]);
    browser.set_viewport(390, 844);
    let style = |sel: &str| {
        browser.eval(&format!(
            "return getComputedStyle(document.querySelector('{sel}')).wordBreak"
        ))
    };
    browser.open(&url(&server, "/2026/ja/"));
    assert_eq!(style(".prose p"), "normal");
    assert_eq!(style(".prose span[lang=ko]"), "keep-all");
    assert_eq!(style(".prose pre code"), "normal");
    // Every line but the last reaches the column's edge: none ends early at a comma.
    let lines = line_fill(&browser, ".prose p");
    assert!(lines.len() >= 4, "{lines:?}");
    for fill in &lines[..lines.len() - 1] {
        assert!(*fill > 0.9, "a Japanese line ends early: {lines:?}");
    }
    browser.open(&url(&server, "/2026/zh/"));
    assert_eq!(style(".prose p"), "normal");
    let lines = line_fill(&browser, ".prose p");
    for fill in &lines[..lines.len() - 1] {
        assert!(*fill > 0.9, "a Chinese line ends early: {lines:?}");
    }
    browser.open(&url(&server, "/2026/ko/"));
    assert_eq!(style(".prose p"), "keep-all");
    // Korean breaks only between words: every line ends at the end of a word.
    let words_whole = browser.eval(
        "const p = document.querySelector('.prose p');
         const text = p.firstChild; const r = document.createRange();
         let lastTop = null, ends = [];
         for (let i = 0; i < text.length; i++) {
           r.setStart(text, i); r.setEnd(text, i + 1);
           const top = Math.round(r.getBoundingClientRect().top);
           if (lastTop !== null && top > lastTop) ends.push(text.data[i - 1]);
           lastTop = top;
         }
         return [ends.length, ends.every(c => c === ' ')];",
    );
    assert_eq!(words_whole[1], true, "{words_whole}");
    assert!(words_whole[0].as_u64().unwrap() >= 2, "{words_whole}");
}
