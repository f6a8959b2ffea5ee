//! Jekyll blogs built where they stand: every folder under tests/fixtures/jekyll/ holds a
//! `site/` (a Jekyll site, our own words) and an `expect.toml` saying which files the build
//! writes, what they contain and do not, which files it does not write, and what it warns
//! (and does not).

mod common;

use std::path::Path;

use common::*;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    #[serde(default)]
    stderr: Vec<String>,
    /// Text the build must not say (a page left out quietly).
    #[serde(default)]
    stderr_absent: Vec<String>,
    #[serde(default)]
    file: Vec<FileExpect>,
    #[serde(default)]
    missing: Vec<Missing>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileExpect {
    path: String,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Missing {
    path: String,
}

fn check_case(case: &Path, failures: &mut Vec<String>) {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let expect: Expect =
        toml::from_str(&std::fs::read_to_string(case.join("expect.toml")).unwrap())
            .unwrap_or_else(|e| panic!("{name}/expect.toml: {e}"));
    let site = TestSite::new();
    copy_tree(&case.join("site"), site.root());
    let run = site.build(&[]);
    if !run.ok() {
        failures.push(format!("{name}: the build failed\n{}", run.stderr()));
        return;
    }
    let stderr = run.stderr();
    for want in &expect.stderr {
        if !stderr.contains(want.as_str()) {
            failures.push(format!("{name}: `{want}` missing from stderr:\n{stderr}"));
        }
    }
    for bad in &expect.stderr_absent {
        if stderr.contains(bad.as_str()) {
            failures.push(format!("{name}: stderr says `{bad}`:\n{stderr}"));
        }
    }
    for f in &expect.file {
        let path = site.public(&f.path);
        let Ok(text) = std::fs::read_to_string(&path) else {
            let files: Vec<String> = list_files(&site.root().join("public"))
                .into_keys()
                .collect();
            failures.push(format!(
                "{name}: {} was not written; files: {files:?}",
                f.path
            ));
            continue;
        };
        for want in &f.contains {
            if !text.contains(want.as_str()) {
                failures.push(format!("{name}: {} lacks `{want}`\n{text}", f.path));
            }
        }
        for bad in &f.absent {
            if text.contains(bad.as_str()) {
                failures.push(format!("{name}: {} has `{bad}`", f.path));
            }
        }
    }
    let written: Vec<String> = list_files(&site.root().join("public"))
        .into_keys()
        .collect();
    for m in &expect.missing {
        if let Some(w) = written.iter().find(|w| w.starts_with(&m.path)) {
            failures.push(format!("{name}: {w} should not be written"));
        }
    }
}

#[test]
fn jekyll_fixture_sites_build_as_expected() {
    let dir = repo_root().join("tests/fixtures/jekyll");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expect.toml").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 5, "{cases:?}");
    let mut failures = Vec::new();
    for case in &cases {
        check_case(case, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_seed_jekyll_post_builds_in_a_jekyll_folder() {
    let Some(shared) = require_shared() else {
        return;
    };
    let seed = std::fs::read_dir(shared.join("corpus/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("004_"))
        .expect("seed 004");
    let site = TestSite::new();
    site.write(
        "_config.yml",
        "title: 일기\nurl: \"https://diary.example\"\n",
    );
    std::fs::create_dir_all(site.root().join("_posts")).unwrap();
    std::fs::copy(&seed, site.root().join("_posts/2023-12-31-diary.md")).unwrap();
    let run = site.build(&[]);
    run.assert_ok();
    // Jekyll's default permalink: /:categories/:year/:month/:day/:title:output_ext.
    let html = site.read("2023/12/31/diary.html");
    assert!(
        html.contains("<title>Diary - 2023년 회고 · 일기</title>"),
        "{html}"
    );
}

#[test]
fn a_hyde_sites_public_folder_is_its_own_and_published_as_jekyll_does() {
    // Hyde, Lanyon and Poole keep their CSS and images in `public/`, the name of hoego's
    // default output folder.
    let site = TestSite::new();
    site.write(
        "_config.yml",
        "title: 하이드\nurl: \"https://example.com\"\n",
    )
    .write(
        "_posts/2024-01-01-a.md",
        "---\ntitle: 글\n---\n![점](/public/img/dot.png)\n",
    )
    .write("public/css/hyde.css", "body { color: #333 }\n")
    .write("public/img/dot.png", "\u{89}PNG");
    let run = site.build(&[]);
    run.assert_failed();
    assert!(run.stderr().contains("--output _site"), "{}", run.stderr());
    // Nothing was written into it.
    let files: Vec<String> = list_files(&site.root().join("public"))
        .into_keys()
        .collect();
    assert_eq!(files, ["css/hyde.css", "img/dot.png"]);

    site.build(&["--output", "_site"]).assert_ok();
    let out = site.root().join("_site");
    assert_eq!(
        std::fs::read(out.join("public/css/hyde.css")).unwrap(),
        b"body { color: #333 }\n"
    );
    assert!(out.join("public/img/dot.png").is_file());
    // The post's image at /public/img/ resolves.
    site.run(&["check"]).assert_ok();
}

#[test]
fn the_feed_is_also_where_the_sites_own_feed_template_put_it() {
    // Hyde, Lanyon and Poole publish their feed at /atom.xml from a Liquid template.
    let site = TestSite::new();
    site.write("_config.yml", "title: 피드\nurl: \"https://example.com\"\n")
        .write("_posts/2024-01-01-a.md", "---\ntitle: 첫 글\n---\n본문.\n")
        .write(
            "atom.xml",
            "---\nlayout: null\n---\n<feed>{{ site.title }}</feed>\n",
        )
        .write("rss.xml", "<rss>as it is</rss>\n");
    site.build(&[]).assert_ok();
    let feed = site.read("feed.xml");
    assert!(feed.contains("첫 글"), "{feed}");
    assert_eq!(site.read("atom.xml"), feed);
    // Not a template: copied as it is.
    assert_eq!(site.read("rss.xml"), "<rss>as it is</rss>\n");
    // A new post reaches both addresses.
    site.write(
        "_posts/2024-02-01-b.md",
        "---\ntitle: 둘째 글\n---\n본문.\n",
    );
    site.build(&[]).assert_ok();
    assert!(site.read("atom.xml").contains("둘째 글"));
    assert_eq!(site.read("atom.xml"), site.read("feed.xml"));
}
