//! Dates and labels in the site language: the same site built as `ko` and as `en`, with the
//! visible text of every label-bearing element compared with tests/fixtures/i18n/LANG.txt.
//! `HOEGO_BLESS=1 cargo test --test i18n` rewrites the snapshots.

mod common;

use common::*;

const SELECTORS: &[(&str, &str)] = &[
    ("index.html", ".site-nav"),
    ("index.html", ".post-item-meta"),
    ("index.html", ".read-more"),
    ("index.html", ".pagination"),
    ("page/2/index.html", ".page-header"),
    ("2023/retro/index.html", ".post-meta"),
    ("2023/retro/index.html", ".toc summary"),
    ("2023/retro/index.html", ".post-nav"),
    ("2023/retro/index.html", ".site-footer"),
    ("archive/index.html", "main h1, main h2, main time"),
    ("tags/index.html", "main h1"),
    ("tags/회고/index.html", "main h1, main time"),
    ("404.html", "main"),
];

fn snapshot(language: &str) -> String {
    let site = TestSite::with_config(&format!(
        "title = \"i18n\"\nlanguage = \"{language}\"\ntimezone = \"Asia/Seoul\"\npaginate = 2\nbase_url = \"https://example.com/\"\n"
    ));
    site.write(
        "content/posts/2023-12-31-retro.md",
        "---\ntitle: Retro\ndate: 2023-12-31 23:30:00 +0900\ntags: [회고]\ntoc: true\n---\nFirst.\n\n<!-- more -->\n\n## One\n\n## Two\n\n## Three\n",
    )
    .write("content/posts/2023-06-15-mid.md", "---\ntitle: Mid\ntags: [회고]\n---\nMiddle post.\n")
    .write("content/posts/2024-01-01-new.md", "---\ntitle: New\n---\nNewest.\n")
    .write("content/posts/2022-02-02-old.md", "---\ntitle: Old\n---\nOldest.\n");
    site.build(&[]).assert_ok();
    let mut out = String::new();
    for (file, css) in SELECTORS {
        let doc = site.html(file);
        for el in select(&doc, css) {
            let text: Vec<String> = el
                .text()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect();
            out.push_str(&format!("{file} {css}: {}\n", text.join(" | ")));
        }
    }
    out
}

fn check(language: &str) {
    let actual = snapshot(language);
    let path = repo_root().join(format!("tests/fixtures/i18n/{language}.txt"));
    if std::env::var_os("HOEGO_BLESS").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        expected,
        actual,
        "{} differs (HOEGO_BLESS=1 to accept)",
        path.display()
    );
}

#[test]
fn korean_dates_and_labels() {
    check("ko");
    let s = snapshot("ko");
    assert!(s.contains("2023년 12월 31일 (일)"), "{s}");
    assert!(s.contains("분 분량"));
    assert!(s.contains("이전 글"));
}

#[test]
fn english_dates_and_labels() {
    check("en");
    let s = snapshot("en");
    assert!(s.contains("December 31, 2023"), "{s}");
    assert!(s.contains("min read"));
    assert!(
        !s.chars()
            .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c) && !"회고".contains(c)),
        "Korean label in an English site:\n{s}"
    );
}

#[test]
fn labels_can_be_overridden_in_config() {
    let site = TestSite::with_config("title = \"x\"\n[labels]\nread_more = \"계속 읽기\"\n");
    site.write(
        "content/posts/2023-01-01-a.md",
        "---\ntitle: A\n---\nFirst.\n\nSecond.\n",
    );
    site.build(&[]).assert_ok();
    assert!(site.read("index.html").contains("계속 읽기"));
}
