//! `hoego build` end to end: the real binary on sites in temp dirs.

mod common;

use common::*;

const CONFIG: &str = "title = \"테스트\"\nbase_url = \"https://example.com/\"\n";

/// `hoego build` with the caches on, in a cache folder of the test's own.
#[track_caller]
fn build_with_cache(site: &TestSite, cache: &std::path::Path, extra: &[&str]) {
    let run = hoego()
        .arg("build")
        .args(extra)
        .env_remove("HOEGO_NO_CACHE")
        .env("HOEGO_CACHE_DIR", cache)
        .current_dir(site.root())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn example_blog_builds_every_kind_of_page() {
    let site = TestSite::example_blog();
    let run = site.build(&[]);
    run.assert_ok();
    assert!(run.stdout().contains("posts"), "{}", run.stdout());
    // Built without a themes/ folder: the embedded default theme is used.
    assert!(!site.root().join("themes").exists());
    for rel in [
        "index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "css/style.css",
        "css/syntax.css",
        "tags/index.html",
        "tags/회고/index.html",
        "archive/index.html",
        "about/index.html",
        "2025/2025년-회고/index.html",
        "images/running-2025.svg",
    ] {
        assert!(site.public(rel).is_file(), "{rel} missing");
    }
    // The draft is left out unless asked for.
    assert!(!site.public("2026/쓰다-만-글/index.html").exists());
    site.build(&["--drafts"]).assert_ok();
    assert!(site.public("2026/쓰다-만-글/index.html").exists());
}

#[test]
fn retrospective_post_renders_its_parts() {
    let site = TestSite::example_blog();
    site.build(&[]).assert_ok();
    let doc = site.html("2025/2025년-회고/index.html");
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("ko"));
    assert!(
        select(&doc, "input[type=checkbox][checked]").len() >= 3,
        "checked goals"
    );
    assert!(
        !select(&doc, "input[type=checkbox]:not([checked])").is_empty(),
        "open goals"
    );
    assert!(!select(&doc, "table").is_empty());
    assert!(!select(&doc, "blockquote").is_empty());
    assert!(!select(&doc, "pre.code").is_empty());
    assert!(!select(&doc, "[id=keep]").is_empty(), "Keep heading id");
    // Images written as /images/... get the base path of base_url (/hoego/).
    let imgs = select(&doc, "article img");
    assert!(
        imgs.iter()
            .any(|i| i.value().attr("src") == Some("/hoego/images/running-2025.svg")),
        "image src"
    );
    // Reading time is by syllable: the post has well over 1,000 Hangul syllables.
    let meta = select(&doc, ".post-meta")
        .iter()
        .map(text)
        .collect::<String>();
    assert!(meta.contains("분 분량"), "{meta}");
}

#[test]
fn two_builds_are_byte_identical() {
    let a = TestSite::example_blog();
    a.build(&["--output", "one"]).assert_ok();
    a.build(&["--output", "two"]).assert_ok();
    let one = list_files(&a.root().join("one"));
    let two = list_files(&a.root().join("two"));
    assert!(one.len() > 20);
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (k, v) in &one {
        assert!(v == &two[k], "{k} differs between builds");
    }
}

#[test]
fn seed_retrospective_builds_as_a_jekyll_post() {
    let Some(shared) = require_shared() else {
        return;
    };
    let seed = shared.join("corpus/seeds/004_fedd3bbe47edbb6f.txt");
    let source = std::fs::read_to_string(&seed).expect("../shared/corpus/seeds/004 is test data");
    let site = TestSite::with_config(CONFIG);
    site.write("content/posts/2023-12-31-diary.md", &source);
    site.build(&[]).assert_ok();
    let doc = site.html("2023/diary/index.html");
    let title = select(&doc, "h1").iter().map(text).next().unwrap();
    assert_eq!(title.trim(), "Diary - 2023년 회고");
    let tags: Vec<String> = select(&doc, "article .tag-list a")
        .iter()
        .map(|a| text(a).trim().trim_start_matches('#').to_string())
        .collect();
    assert_eq!(tags, ["archive"]);
    let ids: Vec<&str> = select(&doc, "h1[id], h2[id], h3[id]")
        .iter()
        .filter_map(|h| h.value().attr("id"))
        .collect();
    assert!(ids.contains(&"2023년-회고"), "{ids:?}");
    assert!(ids.contains(&"처음으로-job-을-가지다"), "{ids:?}");
    assert!(ids.contains(&"strongman과-일하는-법"), "{ids:?}");
    let ids_unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(ids_unique.len(), ids.len(), "heading ids are unique");
    assert!(select(&doc, "article img").iter().any(|i| {
        i.value()
            .attr("src")
            .unwrap_or("")
            .starts_with("https://github.com/")
    }));
    assert!(select(&doc, "blockquote").len() >= 3);
    // The TOC links to the Hangul ids, percent-encoded.
    let toc: Vec<&str> = select(&doc, "nav a[href^='#'], details a[href^='#']")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        toc.contains(&"#2023%EB%85%84-%ED%9A%8C%EA%B3%A0"),
        "{toc:?}"
    );
    // The tag page lists it.
    let tag = site.html("tags/archive/index.html");
    assert!(
        select(&tag, "a")
            .iter()
            .any(|a| a.value().attr("href") == Some("/2023/diary/"))
    );
}

#[test]
fn jekyll_dates_tags_and_categories_unchanged() {
    let site = TestSite::with_config(&format!(
        "{CONFIG}permalink = \"/:categories/:year/:month/:day/:title/\"\n"
    ));
    site.write(
        "content/posts/2023-01-02-space-tags.md",
        "---\ntitle: 공백 태그\ntags: 회고 일상\ncategories: 일기\n---\n본문\n",
    )
    .write(
        "content/posts/2023-02-03-list-of-lists.md",
        "---\ntitle: 중첩 목록\ntags: [[a, b], c]\ndate: 2023-02-03 23:30:00 +0900\n---\n본문\n",
    )
    .write(
        "content/posts/2023-03-04-utc.md",
        "---\ntitle: UTC\ndate: 2023-03-04T20:09:51.129Z\n---\n본문\n",
    )
    .write(
        "content/posts/2023-05-05-micro.md",
        "---\ntitle: micro\ndate: 2025-03-21 22:32:50.832000+00:00\n---\n본문\n",
    )
    .write(
        "content/posts/2023-06-06-colon.md",
        "---\ntitle: colon\ndate: 2023-06-06 10:00:00 +09:00\n---\n",
    )
    .write(
        "content/posts/2023-07-07-2023년 회고.md",
        "---\nlayout: post\n---\n# 제목은 본문에서\n\n본문\n",
    )
    .write(
        "content/posts/no-date-in-name.md",
        "---\ntitle: 이름에 날짜 없음\ndate: 2023-08-08\n---\n본문\n",
    );
    site.build(&[]).assert_ok();
    assert!(
        site.public("일기/2023/01/02/space-tags/index.html")
            .is_file()
    );
    assert!(site.public("tags/회고/index.html").is_file());
    assert!(site.public("tags/일상/index.html").is_file());
    for t in ["a", "b", "c"] {
        assert!(
            site.public(&format!("tags/{t}/index.html")).is_file(),
            "tag {t}"
        );
    }
    // 20:09 UTC is the next morning in Seoul: the URL uses the Seoul day.
    assert!(site.public("2023/03/05/utc/index.html").is_file());
    // Front matter wins over the file name.
    assert!(site.public("2025/03/22/micro/index.html").is_file());
    assert!(site.public("2023/06/06/colon/index.html").is_file());
    let doc = site.html("2023/07/07/2023년-회고/index.html");
    assert_eq!(text(&select(&doc, "h1")[0]).trim(), "제목은 본문에서");
    assert!(
        site.public("2023/08/08/no-date-in-name/index.html")
            .is_file()
    );
}

#[test]
fn toml_front_matter_and_extra_keys_reach_templates() {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/posts/2024-01-01-toml.md",
        "+++\ntitle = \"TOML 글\"\ndate = 2024-01-01T10:00:00+09:00\nmood = \"맑음\"\n+++\n본문\n",
    )
    .write(
        "templates/post.html",
        "{{ page.title }}|{{ page.extra.mood }}|{{ page.date | date_local(format=\"long\") }}",
    );
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("2024/toml/index.html"),
        "TOML 글|맑음|2024년 1월 1일 (월)"
    );
}

#[test]
fn base_url_with_a_path_prefixes_every_link() {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/posts/2023-12-31-2023년 회고.md",
        "---\ntags: [회고]\n---\n# 2023년 회고\n\n![사진](/images/a.png)\n\n[소개](/about/)\n",
    )
    .write("content/about.md", "# 소개\n")
    .write("content/images/a.png", "png");
    site.build(&["--base-url", "https://user.github.io/blog/"])
        .assert_ok();
    let files = list_files(&site.root().join("public"));
    for (rel, bytes) in files.iter().filter(|(k, _)| k.ends_with(".html")) {
        let doc = scraper::Html::parse_document(&String::from_utf8_lossy(bytes));
        for el in select(&doc, "[href], [src]") {
            let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if url.starts_with('/') {
                assert!(
                    url.starts_with("/blog/"),
                    "{rel}: {url} is outside the base path"
                );
            } else if url.starts_with("http") && url.contains("github.io") {
                assert!(
                    url.starts_with("https://user.github.io/blog/"),
                    "{rel}: {url}"
                );
            }
        }
    }
    let feed = site.read("feed.xml");
    assert!(
        feed.contains("https://user.github.io/blog/2023/2023%EB%85%84-%ED%9A%8C%EA%B3%A0/"),
        "{feed}"
    );
    assert!(
        site.read("sitemap.xml")
            .contains("https://user.github.io/blog/about/")
    );
    assert!(
        site.read("robots.txt")
            .contains("https://user.github.io/blog/sitemap.xml")
    );
}

#[test]
fn a_sites_own_robots_txt_is_published_instead_of_hoegos() {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/posts/2023-01-01-a.md",
        "---\ntitle: a\n---\nbody\n",
    );
    site.build(&[]).assert_ok();
    assert!(site.read("robots.txt").contains("Sitemap: "));

    // Kept byte for byte, with no warning; the sitemap is still hoego's.
    let own = "User-agent: *\nDisallow: /private/\n";
    site.write("static/robots.txt", own);
    let built = site.build(&[]);
    built.assert_ok();
    assert!(!built.stderr().contains("robots"), "{}", built.stderr());
    assert_eq!(site.read("robots.txt"), own);
    assert!(site.read("sitemap.xml").contains("<urlset"));

    // Removed again: hoego's own comes back.
    std::fs::remove_file(site.root().join("static/robots.txt")).unwrap();
    site.build(&[]).assert_ok();
    assert!(site.read("robots.txt").contains("Sitemap: "));

    // A file hoego always makes still cannot be replaced from static/.
    site.write("static/sitemap.xml", "<urlset/>");
    let refused = site.build(&[]);
    refused.assert_failed();
    assert!(
        refused
            .stderr()
            .contains("static/sitemap.xml: URL collision"),
        "{}",
        refused.stderr()
    );
}

#[test]
fn drafts_and_future_posts_need_flags() {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/posts/2023-01-01-draft.md",
        "---\ntitle: d\ndraft: true\n---\n",
    )
    .write(
        "content/posts/2023-01-02-unpublished.md",
        "---\ntitle: u\npublished: false\n---\n",
    )
    .write("content/posts/2999-01-01-future.md", "---\ntitle: f\n---\n")
    .write("content/posts/2023-01-03-real.md", "---\ntitle: r\n---\n");
    site.build(&[]).assert_ok();
    assert!(site.public("2023/real/index.html").exists());
    assert!(!site.public("2023/draft/index.html").exists());
    assert!(!site.public("2023/unpublished/index.html").exists());
    assert!(!site.public("2999/future/index.html").exists());
    site.build(&["--drafts", "--future"]).assert_ok();
    assert!(site.public("2023/draft/index.html").exists());
    assert!(site.public("2023/unpublished/index.html").exists());
    assert!(site.public("2999/future/index.html").exists());
}

#[test]
fn pagination_and_prev_next() {
    let site = TestSite::with_config(&format!("{CONFIG}paginate = 2\n"));
    for d in 1..=5 {
        site.write(
            &format!("content/posts/2023-01-0{d}-post-{d}.md"),
            &format!("---\ntitle: 글 {d}\n---\n본문 {d}\n"),
        );
    }
    site.build(&[]).assert_ok();
    let home = site.html("index.html");
    let titles: Vec<String> = select(&home, ".post-item-title a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(titles, ["글 5", "글 4"]);
    assert!(site.public("page/2/index.html").exists());
    assert!(site.public("page/3/index.html").exists());
    assert!(!site.public("page/4/index.html").exists());
    let middle = site.read("2023/post-3/index.html");
    assert!(
        middle.contains("/2023/post-2/") && middle.contains("/2023/post-4/"),
        "prev and next"
    );
}

#[test]
fn a_site_template_overrides_the_theme_file_by_file() {
    let site = TestSite::with_config(CONFIG);
    site.write("content/about.md", "# 소개\n")
        .write("templates/page.html", "custom: {{ page.title }}");
    site.build(&[]).assert_ok();
    assert_eq!(site.read("about/index.html"), "custom: 소개");
    // Other templates still come from the built-in theme.
    assert!(site.read("index.html").contains("<!DOCTYPE html>"));
}

#[test]
fn a_themes_feed_template_gets_every_field_it_reads() {
    // Feeds carry only the fields their template reads; one that reads fields the
    // built-in feed does not (word counts, the table of contents) still gets them.
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/posts/2023-01-01-a.md",
        "---\ntitle: 첫 글\n---\n\n## 머리말\n\n서울에서 Rust를 배웠다.\n\n## 맺음말\n\n끝.\n",
    )
    .write(
        "templates/feed.xml",
        "{% for post in posts %}{{ post.title }}|{{ post.word_count }}|\
         {% for h in post.toc %}{{ h.title }};{% endfor %}|{{ post.content | length > 0 }}\
         {% endfor %}",
    );
    site.build(&[]).assert_ok();
    let feed = site.read("feed.xml");
    let fields: Vec<&str> = feed.split('|').collect();
    assert_eq!(fields[0], "첫 글", "{feed}");
    assert!(fields[1].parse::<usize>().unwrap() > 0, "{feed}");
    assert_eq!(fields[2], "머리말;맺음말;", "{feed}");
    assert_eq!(fields[3], "true", "{feed}");
}

#[test]
fn unknown_code_language_is_a_warning_not_an_error() {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/posts/2023-01-01-code.md",
        "---\ntitle: c\n---\n\n```klingon\n<b>&</b>\n```\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        run.stderr().contains("content/posts/2023-01-01-code.md:5"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("klingon"));
    assert!(
        site.read("2023/code/index.html")
            .contains("&lt;b&gt;&amp;&lt;/b&gt;")
    );
}

#[test]
fn the_highlight_cache_changes_nothing_but_time() {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/posts/2023-01-01-code.md",
        "---\ntitle: 코드\n---\n```rust\nfn main() { println!(\"안녕\"); }\n```\n\n```toml\na = 1\n```\n",
    );
    let cache = site.root().join("cache");
    let build = |out: &str| build_with_cache(&site, &cache, &["--output", out]);
    build("cold");
    let highlight: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("highlight-"))
        .collect();
    assert_eq!(highlight.len(), 1, "one highlight cache file for the site");
    build("warm");
    site.build(&["--output", "uncached"]).assert_ok();
    let cold = list_files(&site.root().join("cold"));
    assert_eq!(cold, list_files(&site.root().join("warm")));
    assert_eq!(cold, list_files(&site.root().join("uncached")));
    assert!(String::from_utf8_lossy(&cold["2023/code/index.html"]).contains("hl-"));
}

#[test]
fn hard_breaks_turn_single_newlines_into_br() {
    let post = "---\ntitle: 줄바꿈\n---\n첫 줄\n둘째 줄\n";
    let site = TestSite::with_config(CONFIG);
    site.write("content/posts/2023-01-01-lines.md", post);
    site.build(&[]).assert_ok();
    let html = site.read("2023/lines/index.html");
    assert!(html.contains("첫 줄\n둘째 줄"), "off by default");
    let site = TestSite::with_config(&format!("{CONFIG}[markdown]\nhard_breaks = true\n"));
    site.write("content/posts/2023-01-01-lines.md", post);
    site.build(&[]).assert_ok();
    let html = site.read("2023/lines/index.html");
    assert!(html.contains("첫 줄<br />\n둘째 줄"), "{html}");
}

#[test]
fn a_rebuild_replaces_only_what_changed() {
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::with_config(CONFIG);
    let post = |title: &str, permalink: &str, body: &str| {
        format!("---\ntitle: {title}\ndate: 2024-03-01\npermalink: {permalink}\n---\n{body}\n")
    };
    site.write("content/posts/a.md", &post("가", "/a/", "그대로 둔 글"))
        .write("content/posts/b.md", &post("나", "/b/", "고치기 전"))
        .write("content/posts/c.md", &post("다", "/c/deep/", "지울 글"));
    site.build(&[]).assert_ok();
    let inode = |rel: &str| std::fs::metadata(site.public(rel)).unwrap().ino();
    let kept = inode("a/index.html");
    let before = site.read("a/index.html");

    site.write("content/posts/b.md", &post("나", "/b/", "고친 뒤"));
    std::fs::remove_file(site.root().join("content/posts/c.md")).unwrap();
    // Leftovers in the way of the new output, and a stray file nobody makes.
    std::fs::remove_dir_all(site.public("tags")).unwrap();
    std::fs::write(site.public("tags"), "a file where a folder belongs").unwrap();
    std::fs::remove_file(site.public("robots.txt")).unwrap();
    std::fs::create_dir_all(site.public("robots.txt/inner")).unwrap();
    site.write("public/stray/old.html", "not made by this build");
    // A file hoego did not make where the build needs a folder: not deleted without --clean.
    let refused = site.build(&[]);
    refused.assert_failed();
    assert!(
        refused
            .stderr()
            .contains("`tags` is a file hoego did not make"),
        "{}",
        refused.stderr()
    );
    assert_eq!(
        std::fs::read_to_string(site.public("tags")).unwrap(),
        "a file where a folder belongs"
    );
    std::fs::remove_file(site.public("tags")).unwrap();
    let built = site.build(&[]);
    built.assert_ok();

    assert_eq!(
        inode("a/index.html"),
        kept,
        "an unchanged page was rewritten"
    );
    assert_eq!(site.read("a/index.html"), before);
    assert!(site.read("b/index.html").contains("고친 뒤"));
    assert!(
        !site.public("c").exists(),
        "the deleted post's page is gone"
    );
    // A file hoego did not make stays, and the summary says so.
    assert_eq!(site.read("stray/old.html"), "not made by this build");
    assert!(
        built
            .stdout()
            .contains("1 file hoego did not make left in place"),
        "{}",
        built.stdout()
    );
    assert!(site.public("tags").is_dir());
    assert!(site.read("robots.txt").contains("Sitemap"));
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".hoego"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // --clean removes it; then the result is what a build into an empty folder makes.
    site.build(&["--clean"]).assert_ok();
    assert!(!site.public("stray").exists());
    site.build(&["--output", "fresh"]).assert_ok();
    assert_eq!(
        list_files(&site.root().join("public")),
        list_files(&site.root().join("fresh"))
    );
}

#[test]
fn the_output_manifest_never_keeps_a_file_that_changed() {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/posts/a.md",
        "---\ntitle: 가\ndate: 2024-03-01\npermalink: /a/\n---\n본문\n",
    );
    let cache = site.root().join("cache");
    let build = || build_with_cache(&site, &cache, &[]);
    build();
    build();
    assert!(
        std::fs::read_dir(&cache).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("output-")),
        "no output manifest written"
    );
    let made = std::fs::read(site.public("a/index.html")).unwrap();
    // Changed by hand, same length: the manifest no longer describes the file.
    let mut tampered = made.clone();
    tampered.reverse();
    std::fs::write(site.public("a/index.html"), &tampered).unwrap();
    std::fs::remove_file(site.public("feed.xml")).unwrap();
    build();
    assert_eq!(std::fs::read(site.public("a/index.html")).unwrap(), made);
    assert!(site.public("feed.xml").is_file());
    // A damaged manifest costs time, never correctness.
    for entry in std::fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("output-")
        {
            std::fs::write(&path, b"hoegoOM1\x05").unwrap();
        }
    }
    std::fs::write(site.public("a/index.html"), &tampered).unwrap();
    build();
    assert_eq!(std::fs::read(site.public("a/index.html")).unwrap(), made);
}

#[test]
fn hundreds_of_posts_load_in_full_and_every_broken_one_is_reported() {
    // Enough posts that loading reads ahead on extra threads (content::with_prefetch).
    let site = TestSite::with_config(CONFIG);
    for n in 0..400 {
        site.write(
            &format!("content/posts/2024-01-01-post-{n:03}.md"),
            &format!("---\ntitle: 글 {n}\n---\n본문 {n}\n"),
        );
    }
    site.write(
        "content/posts/2024-01-01-post-007.md",
        "---\ntitle: [unclosed\n---\n",
    )
    .write(
        "content/posts/2024-01-01-post-321.md",
        "---\ntitle: ok\ndate: not a date\n---\n",
    );
    let failed = site.build(&[]);
    failed.assert_failed();
    let err = failed.stderr();
    assert!(err.contains("post-007.md:2"), "{err}");
    assert!(err.contains("post-321.md:3"), "{err}");
    assert!(!site.public("index.html").exists());

    site.write(
        "content/posts/2024-01-01-post-007.md",
        "---\ntitle: 글 7\n---\n본문 7\n",
    )
    .write(
        "content/posts/2024-01-01-post-321.md",
        "---\ntitle: 글 321\n---\n본문 321\n",
    );
    let built = site.build(&[]);
    built.assert_ok();
    assert!(
        built.stdout().contains("built 400 posts"),
        "{}",
        built.stdout()
    );
    for n in [0, 7, 255, 321, 399] {
        let page = site.read(&format!("2024/post-{n:03}/index.html"));
        assert!(page.contains(&format!("본문 {n}")), "post {n}");
    }
}

#[test]
fn two_posts_with_one_url_both_build_and_the_older_gives_way() {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/posts/2023-01-01-same.md",
        "---\ntitle: 첫 번째\n---\n먼저 쓴 글.\n",
    )
    .write(
        "content/posts/2023-05-05-same.md",
        "---\ntitle: 두 번째\n---\n나중에 쓴 글.\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    let err = run.stderr();
    assert!(
        err.contains("2023-01-01-same.md")
            && err.contains("URL collision: `/2023/same/`")
            && err.contains("2023-05-05-same.md")
            && err.contains("`/2023/same-2/`"),
        "{err}"
    );
    assert!(site.read("2023/same/index.html").contains("나중에 쓴 글"));
    assert!(site.read("2023/same-2/index.html").contains("먼저 쓴 글"));
    // The same every time.
    let first = list_files(&site.root().join("public"));
    site.build(&[]).assert_ok();
    assert_eq!(first, list_files(&site.root().join("public")));
    // --strict and `hoego check` fail on it.
    site.build(&["--strict"]).assert_failed();
    let check = site.run(&["check"]);
    check.assert_failed();
    assert!(
        check.stdout().contains("1 URL collision"),
        "{}",
        check.stdout()
    );
}

#[test]
fn a_base_url_without_a_host_is_one_warning_from_build_and_check_not_serve() {
    let site = TestSite::with_config("title = \"t\"\n");
    site.write(
        "content/posts/2024-01-01-a.md",
        "---\ntitle: a\n---\n본문\n",
    );
    let no_host = |stderr: &str| -> Vec<String> {
        stderr
            .lines()
            .filter(|l| l.contains("has no host"))
            .map(str::to_string)
            .collect()
    };
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        run.assert_ok();
        let lines = no_host(&run.stderr());
        assert_eq!(lines.len(), 1, "{command}:\n{}", run.stderr());
        let line = &lines[0];
        assert!(
            line.starts_with("warning: base_url \"/\" has no host: "),
            "{line}"
        );
        for output in [
            "feed.xml",
            "sitemap.xml",
            "robots.txt",
            "canonical",
            "og:url",
        ] {
            assert!(line.contains(output), "{line}");
        }
        assert!(line.contains("--base-url"), "{line}");
    }
    // What it warns about: the sitemap's <loc>s are not URLs.
    assert!(site.read("sitemap.xml").contains("<loc>/2024/a/</loc>"));

    // A host, from --base-url or config.toml: no warning.
    let run = site.build(&["--base-url", "https://example.com/blog/"]);
    run.assert_ok();
    assert!(no_host(&run.stderr()).is_empty(), "{}", run.stderr());
    site.write("config.toml", CONFIG);
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(no_host(&run.stderr()).is_empty(), "{}", run.stderr());

    // `hoego serve` links root-relative on purpose: no warning.
    site.write("config.toml", "title = \"t\"\n");
    let server = Server::start(site.root(), &[]);
    server.wait_for("/2024/a/", 20, "the post", |status, _| status == 200);
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(no_host(&server.log()).is_empty(), "{}", server.log());
}

#[test]
fn a_hugo_sites_settings_file_without_a_config_toml_is_named_once() {
    let site = TestSite::new();
    site.write(
        "hugo.toml",
        "baseURL = 'https://me.example.org/'\ntitle = '휴고 블로그'\n",
    )
    .write(
        "content/posts/2024-03-01-first.md",
        "+++\ntitle = \"첫 글\"\n+++\n본문.\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    let said: Vec<String> = run
        .stderr()
        .lines()
        .filter(|l| l.contains("Hugo's settings are not read"))
        .map(String::from)
        .collect();
    assert_eq!(said.len(), 1, "{}", run.stderr());
    assert!(said[0].starts_with("warning: hugo.toml: "), "{}", said[0]);
    assert!(site.read("2024/first/index.html").contains("본문."));

    // With hoego's own settings beside it, nothing to say.
    site.write(
        "config.toml",
        "title = \"블로그\"\nbase_url = \"https://me.example.org/\"\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!run.stderr().contains("Hugo"), "{}", run.stderr());
}

#[test]
fn only_a_jekyll_configured_site_publishes_every_folder_at_its_top() {
    // A hoego site that keeps its posts in `_posts/`: its other folders are its own.
    let site = TestSite::with_config(CONFIG);
    site.write("_posts/2024-01-01-a.md", "---\ntitle: a\n---\n본문.\n")
        .write("notes/todo.txt", "할 일\n")
        .write("images/a.txt", "그림 자리\n");
    site.build(&[]).assert_ok();
    assert!(site.public("images/a.txt").is_file());
    assert!(!site.public("notes").exists());

    // A Jekyll site: `notes/` is published as Jekyll publishes it; hoego's own
    // `templates/` (a theme override) is not.
    let site = TestSite::new();
    site.write("_config.yml", "title: j\n")
        .write("_posts/2024-01-01-a.md", "---\ntitle: a\n---\n본문.\n")
        .write("notes/todo.txt", "할 일\n")
        .write(
            "templates/post.html",
            "{% extends \"base.html\" %}{% block content %}{{ page.content | safe }}{% endblock %}",
        );
    site.build(&[]).assert_ok();
    assert_eq!(site.read("notes/todo.txt"), "할 일\n");
    assert!(!site.public("templates").exists());
}
