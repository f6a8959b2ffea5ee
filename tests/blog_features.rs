//! What a blogger expects of the default theme on day one, checked in the built HTML:
//! JSON-LD that parses, social cards with absolute images, verification and analytics only
//! when configured, comments only on posts, categories as a tree (agreeing with Jekyll's
//! URLs), series in order, pinned posts first, related posts that share something, and a
//! feed per tag and category that is well-formed Atom.

mod common;

use common::*;
use serde_json::Value;

const CONFIG: &str = r#"
title = "기능 블로그"
description = "테스트용 블로그"
base_url = "https://example.com/blog/"
image = "/images/card.png"
favicon = "/icon.png"
related_posts = 3

[author]
name = "김하늘"
avatar = "/images/me.png"
bio = "백엔드 개발자"
github = "haneul"
linkedin = "haneul-kim"
twitter = "@haneul"
email = "me@example.com"

[comments]
provider = "utterances"
repo = "haneul/blog"
mapping = "og:title"
label = "댓글"

[analytics]
google = "G-TEST123"
plausible = "example.com"
umami = "0b1c-uuid"
cloudflare = "cf-token"

[verification]
google = "google-token"
naver = "naver-token"
"#;

fn post(site: &TestSite, name: &str, front: &str, body: &str) {
    site.write(
        &format!("content/posts/{name}.md"),
        &format!("---\n{front}\n---\n{body}\n"),
    );
}

fn blog() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    post(
        &site,
        "2024-01-01-rust-1",
        "title: 러스트 1편\nseries: 러스트 입문\ntags: [rust, 입문]\ncategories: [개발, 러스트]",
        "첫 편.",
    );
    post(
        &site,
        "2024-02-01-rust-2",
        "title: 러스트 2편\nseries: 러스트 입문\ntags: [rust]\ncategories: [개발, 러스트]\nimage: /images/rust-2.png",
        "둘째 편.",
    );
    post(
        &site,
        "2024-03-01-rust-3",
        "title: 러스트 3편\nseries: 러스트 입문\ntags: [rust, 입문]\ncategories: 개발/러스트\ncomments: false",
        "셋째 편.",
    );
    post(
        &site,
        "2023-05-01-old-pinned",
        "title: 공지\npin: true\ntags: [공지]\ncategories: [블로그]",
        "오래된 고정 글.",
    );
    post(
        &site,
        "2024-04-01-go",
        "title: Go 이야기\ntags: [go]\ncategories: [개발, Go]",
        "고.",
    );
    post(
        &site,
        "2024-05-01-script",
        "title: \"</script><script>alert(1)</script> 제목\"\ntags: [보안]\ndescription: \"a & b < c\"",
        "본문 a ]]> b.\n\n<div class=\"raw\"><![CDATA[ kept ]]></div>\n",
    );
    post(
        &site,
        "2024-06-01-walk",
        "title: 산책\ntags: [일상]\ncategories: [일상]",
        "걸었다.",
    );
    site.write("content/about.md", "---\ntitle: 소개\n---\n안녕하세요.\n");
    site
}

/// The JSON-LD of a page, parsed; fails unless there is exactly one and it is JSON.
#[track_caller]
fn json_ld(site: &TestSite, rel: &str) -> Value {
    let html = site.read(rel);
    let doc = scraper::Html::parse_document(&html);
    let scripts = select(&doc, "script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1, "{rel}: one JSON-LD script");
    let text = scripts[0].inner_html();
    assert!(
        !text.contains("</"),
        "{rel}: `</` inside the script: {text}"
    );
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{rel}: JSON-LD does not parse: {e}\n{text}"))
}

fn meta(doc: &scraper::Html, attr: &str, name: &str) -> Option<String> {
    select(doc, &format!("meta[{attr}='{name}']"))
        .first()
        .and_then(|m| m.value().attr("content").map(String::from))
}

fn hrefs(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect()
}

const RUST_2: &str = "2024/rust-2/index.html";
const RUST_3: &str = "2024/rust-3/index.html";

#[test]
fn json_ld_parses_and_describes_posts_and_the_site() {
    let site = blog();
    site.build(&[]).assert_ok();
    let ld = json_ld(&site, RUST_2);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "BlogPosting");
    assert_eq!(ld["headline"], "러스트 2편");
    assert_eq!(ld["url"], "https://example.com/blog/2024/rust-2/");
    assert_eq!(ld["mainEntityOfPage"]["@id"], ld["url"]);
    assert_eq!(ld["datePublished"], "2024-02-01T00:00:00+09:00");
    assert_eq!(ld["dateModified"], ld["datePublished"]);
    assert_eq!(ld["author"]["@type"], "Person");
    assert_eq!(ld["author"]["name"], "김하늘");
    assert_eq!(ld["image"][0], "https://example.com/blog/images/rust-2.png");
    // Without an image of its own, the site's.
    let ld = json_ld(&site, "2024/rust-1/index.html");
    assert_eq!(ld["image"][0], "https://example.com/blog/images/card.png");
    // A title that tries to end the script is only text.
    let ld = json_ld(&site, "2024/script/index.html");
    assert_eq!(ld["headline"], "</script><script>alert(1)</script> 제목");
    assert_eq!(ld["description"], "a & b < c");
    // The home page is the WebSite, with the search page as its action.
    let ld = json_ld(&site, "index.html");
    assert_eq!(ld["@type"], "WebSite");
    assert_eq!(ld["url"], "https://example.com/blog/");
    assert_eq!(ld["name"], "기능 블로그");
    assert!(
        ld["potentialAction"]["target"]["urlTemplate"]
            .as_str()
            .unwrap()
            .starts_with("https://example.com/blog/search/?q=")
    );
    // A standalone page is a WebPage.
    assert_eq!(json_ld(&site, "about/index.html")["@type"], "WebPage");
}

#[test]
fn a_post_by_several_authors_names_each() {
    // minima's demo post lists its authors; jekyll-seo-tag's form is a mapping.
    let site = TestSite::with_config(CONFIG);
    post(
        &site,
        "2024-07-01-duo",
        "title: 둘이 쓴 글\nauthor:\n  - 김하늘\n  - name: 박바다\n    twitter: sea",
        "함께 썼다.",
    );
    site.build(&[]).assert_ok();
    let ld = json_ld(&site, "2024/duo/index.html");
    let people = ld["author"].as_array().expect("an array of authors");
    assert_eq!(people.len(), 2);
    assert_eq!(people[0]["name"], "김하늘");
    assert_eq!(people[0]["url"], "https://example.com/blog/");
    assert_eq!(people[1]["@type"], "Person");
    assert_eq!(people[1]["name"], "박바다");
    assert!(people[1].get("url").is_none());
    // One line where a name is shown: under the title and in the feed.
    let html = site.read("2024/duo/index.html");
    let doc = scraper::Html::parse_document(&html);
    let line = select(&doc, ".post-meta")[0].text().collect::<String>();
    assert!(line.contains("김하늘, 박바다"), "{line}");
    assert!(
        site.read("feed.xml")
            .contains("<name>김하늘, 박바다</name>")
    );
}

#[test]
fn social_cards_verification_analytics_and_the_icon() {
    let site = blog();
    site.build(&[]).assert_ok();
    let doc = site.html(RUST_2);
    assert_eq!(
        meta(&doc, "property", "og:image").as_deref(),
        Some("https://example.com/blog/images/rust-2.png")
    );
    assert_eq!(
        meta(&doc, "name", "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(
        meta(&doc, "name", "twitter:title").as_deref(),
        Some("러스트 2편")
    );
    assert_eq!(
        meta(&doc, "name", "twitter:site").as_deref(),
        Some("@haneul")
    );
    assert_eq!(
        meta(&doc, "name", "google-site-verification").as_deref(),
        Some("google-token")
    );
    assert_eq!(
        meta(&doc, "name", "naver-site-verification").as_deref(),
        Some("naver-token")
    );
    assert_eq!(hrefs(&doc, "link[rel='icon']"), ["/blog/icon.png"]);
    // Every page has the default card, absolute, and a description.
    for rel in [
        "index.html",
        "tags/index.html",
        "tags/rust/index.html",
        "categories/index.html",
        "categories/개발/러스트/index.html",
        "series/index.html",
        "series/러스트-입문/index.html",
        "archive/index.html",
        "about/index.html",
    ] {
        let doc = site.html(rel);
        let image = meta(&doc, "property", "og:image").unwrap_or_default();
        assert!(
            image.starts_with("https://example.com/blog/"),
            "{rel}: og:image {image}"
        );
        let description = meta(&doc, "name", "description").unwrap_or_default();
        assert!(!description.trim().is_empty(), "{rel}: no description");
        assert_eq!(select(&doc, "link[rel='canonical']").len(), 1, "{rel}");
    }
    let html = site.read(RUST_2);
    for needle in [
        "https://www.googletagmanager.com/gtag/js?id=G-TEST123",
        "gtag(\"config\",\"G-TEST123\")",
        "data-domain=\"example.com\" src=\"https://plausible.io/js/script.js\"",
        "data-website-id=\"0b1c-uuid\" src=\"https://cloud.umami.is/script.js\"",
        "static.cloudflareinsights.com/beacon.min.js",
        "cf-token",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }

    // Nothing of the kind without the keys.
    let plain = TestSite::with_config("title = \"x\"\nbase_url = \"https://example.com/\"\n");
    plain.write("content/posts/2024-01-01-a.md", "---\ntitle: a\n---\nb\n");
    plain.build(&[]).assert_ok();
    let html = plain.read("2024/a/index.html");
    for absent in [
        "googletagmanager",
        "plausible",
        "umami",
        "cloudflareinsights",
        "site-verification",
        "og:image",
        "data-comments",
        "author-box",
    ] {
        assert!(!html.contains(absent), "{absent} without its config");
    }
    // The theme's own icon.
    assert!(plain.read("favicon.svg").starts_with("<svg"));
    assert_eq!(
        hrefs(&plain.html("index.html"), "link[rel='icon']"),
        ["/favicon.svg"]
    );
}

#[test]
fn comments_only_on_posts_that_want_them() {
    let site = blog();
    site.build(&[]).assert_ok();
    let doc = site.html(RUST_2);
    let boxes = select(&doc, "[data-comments]");
    assert_eq!(boxes.len(), 1);
    let el = boxes[0].value();
    assert_eq!(el.attr("data-comments"), Some("utterances"));
    assert_eq!(el.attr("data-repo"), Some("haneul/blog"));
    assert_eq!(el.attr("data-mapping"), Some("og:title"));
    assert_eq!(el.attr("data-label"), Some("댓글"));
    // The loader is not in the page: js/site.js adds it when the box comes near.
    assert!(!site.read(RUST_2).contains("utteranc.es/client.js"));
    assert!(site.read("js/site.js").contains("IntersectionObserver"));
    for rel in [
        RUST_3, // comments: false
        "index.html",
        "about/index.html",
        "tags/rust/index.html",
        "categories/index.html",
        "series/러스트-입문/index.html",
        "archive/index.html",
        "404.html",
    ] {
        assert!(
            select(&site.html(rel), "[data-comments]").is_empty(),
            "{rel}"
        );
    }
}

#[test]
fn categories_nest_series_order_pins_lead_and_related_posts_share_something() {
    let site = blog();
    site.build(&[]).assert_ok();

    // Categories: a tree; `개발/러스트` written as one is the same as [개발, 러스트].
    let doc = site.html("categories/index.html");
    let top: Vec<String> = select(&doc, ".category-tree > li > a")
        .iter()
        .map(text)
        .collect();
    // By path: `블로그` and `개발` and `일상` sort as their slugs do.
    let mut sorted = top.clone();
    sorted.sort();
    assert_eq!(sorted, ["개발", "블로그", "일상"]);
    assert_eq!(top, sorted);
    let rust = site.html("categories/개발/러스트/index.html");
    let titles: Vec<String> = select(&rust, ".post-rows a").iter().map(text).collect();
    assert_eq!(titles, ["러스트 3편", "러스트 2편", "러스트 1편"]);
    let dev = site.html("categories/개발/index.html");
    assert_eq!(select(&dev, ".post-rows a").len(), 4);
    assert_eq!(
        hrefs(&dev, ".subcategories a"),
        [
            "/blog/categories/%EA%B0%9C%EB%B0%9C/go/",
            "/blog/categories/%EA%B0%9C%EB%B0%9C/%EB%9F%AC%EC%8A%A4%ED%8A%B8/"
        ]
    );
    // A post links its category path.
    assert_eq!(
        hrefs(&site.html(RUST_2), ".post-categories a"),
        [
            "/blog/categories/%EA%B0%9C%EB%B0%9C/",
            "/blog/categories/%EA%B0%9C%EB%B0%9C/%EB%9F%AC%EC%8A%A4%ED%8A%B8/"
        ]
    );

    // Series: oldest first, with the current part marked and prev/next within the series.
    let doc = site.html(RUST_2);
    let parts: Vec<String> = select(&doc, ".series-box li a").iter().map(text).collect();
    assert_eq!(parts, ["러스트 1편", "러스트 2편", "러스트 3편"]);
    let current: Vec<String> = select(&doc, ".series-box [aria-current='page']")
        .iter()
        .map(text)
        .collect();
    assert_eq!(current, ["러스트 2편"]);
    assert!(text(&select(&doc, ".series-box-count")[0]).contains("3편 중 2번째"));
    assert_eq!(
        hrefs(&doc, ".series-nav a"),
        ["/blog/2024/rust-1/", "/blog/2024/rust-3/"]
    );
    let first = site.html("2024/rust-1/index.html");
    assert_eq!(hrefs(&first, ".series-nav a"), ["/blog/2024/rust-2/"]);
    let series = site.html("series/러스트-입문/index.html");
    let order: Vec<String> = select(&series, ".series-parts a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(order, ["러스트 1편", "러스트 2편", "러스트 3편"]);
    assert_eq!(
        hrefs(&site.html("series/index.html"), ".series-list h2 a"),
        ["/blog/series/%EB%9F%AC%EC%8A%A4%ED%8A%B8-%EC%9E%85%EB%AC%B8/"]
    );

    // The pinned post comes first on the home page, marked, though it is the oldest.
    let home = site.html("index.html");
    let titles: Vec<String> = select(&home, ".post-item-title a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(titles[0], "공지");
    assert_eq!(
        select(&home, ".post-item")[0]
            .select(&scraper::Selector::parse(".badge-pin").unwrap())
            .count(),
        1
    );
    assert_eq!(titles[1], "산책", "then newest first");

    // Related posts: each shares a tag or a category, most shared first, at most 3.
    let tags_of = |rel: &str| -> Vec<String> {
        let doc = site.html(rel);
        select(&doc, ".post-header .tag, .post-categories a")
            .iter()
            .map(text)
            .collect()
    };
    for rel in [
        "2024/rust-1/index.html",
        RUST_2,
        RUST_3,
        "2024/go/index.html",
        "2023/old-pinned/index.html",
    ] {
        let doc = site.html(rel);
        let related = hrefs(&doc, ".related-list a");
        assert!(related.len() <= 3, "{rel}: {related:?}");
        let mine = tags_of(rel);
        for href in &related {
            let path = href.trim_start_matches("/blog/");
            let decoded = percent_decode(path);
            let theirs = tags_of(&format!("{decoded}index.html"));
            assert!(
                theirs.iter().any(|t| mine.contains(t)),
                "{rel} → {href} share nothing: {mine:?} / {theirs:?}"
            );
            assert_ne!(
                format!("{decoded}index.html"),
                rel,
                "a post is not its own relative"
            );
        }
    }
    let related = hrefs(&site.html("2024/rust-1/index.html"), ".related-list a");
    // rust-3 shares rust, 입문, 개발, 러스트; rust-2 three of them; go only 개발.
    assert_eq!(
        related,
        ["/blog/2024/rust-3/", "/blog/2024/rust-2/", "/blog/2024/go/"]
    );
    assert!(hrefs(&site.html("2023/old-pinned/index.html"), ".related-list a").is_empty());
    assert!(select(&site.html("2023/old-pinned/index.html"), ".related").is_empty());

    // Deterministic: a second build writes the same bytes.
    let first = list_files(&site.root().join("public"));
    site.build(&["--clean"]).assert_ok();
    let second = list_files(&site.root().join("public"));
    for (name, bytes) in &first {
        if !name.starts_with(".hoego") {
            assert!(
                second.get(name) == Some(bytes),
                "{name} changed between builds"
            );
        }
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Every element of an Atom feed, checked for well-formedness by quick-xml; the titles of
/// its entries.
#[track_caller]
fn atom_entries(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut titles = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let in_title = |path: &[String]| path.ends_with(&["entry".into(), "title".into()]);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                path.push(AsRef::<str>::as_ref(&e.name()).to_string());
                if in_title(&path) {
                    titles.push(String::new());
                }
            }
            Ok(Event::End(_)) => {
                path.pop();
            }
            Ok(Event::Text(t)) if in_title(&path) => {
                titles.last_mut().unwrap().push_str(&t.xml10_content());
            }
            Ok(Event::GeneralRef(r)) if in_title(&path) => {
                let name = AsRef::<str>::as_ref(&*r).to_string();
                let c = match name.as_str() {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("unknown entity &{other};"),
                };
                titles.last_mut().unwrap().push(c);
            }
            Ok(Event::Eof) => break,
            Err(e) => panic!(
                "not well-formed XML at {}: {e}\n{xml}",
                reader.buffer_position()
            ),
            _ => {}
        }
    }
    assert!(path.is_empty(), "unclosed elements: {path:?}");
    titles
}

/// The text of each entry's `<content>` in an Atom feed, as an XML parser reads it: CDATA
/// sections joined and entities resolved.
fn atom_contents(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut contents = Vec::new();
    let mut inside = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if AsRef::<str>::as_ref(&e.name()) == "content" => {
                inside = true;
                contents.push(String::new());
            }
            Event::End(e) if AsRef::<str>::as_ref(&e.name()) == "content" => inside = false,
            Event::CData(t) if inside => contents.last_mut().unwrap().push_str(&t),
            Event::Text(t) if inside => contents.last_mut().unwrap().push_str(&t.xml10_content()),
            Event::Eof => break,
            _ => {}
        }
    }
    contents
}

#[test]
fn a_feed_carries_each_posts_html_as_it_is() {
    let site = blog();
    site.build(&[]).assert_ok();
    let feed = site.read("tags/보안/feed.xml");
    // Well-formed even with `]]>` in the post, as text and in raw HTML.
    atom_entries(&feed);
    let page = site.read("2024/script/index.html");
    let contents = atom_contents(&feed);
    assert_eq!(contents.len(), 1, "{feed}");
    let html = &contents[0];
    assert!(html.contains("<p>본문 a ]]&gt; b.</p>"), "{html}");
    assert!(
        html.contains("<div class=\"raw\"><![CDATA[ kept ]]></div>"),
        "{html}"
    );
    // The same HTML the post's page shows.
    assert!(page.contains(html.trim()), "{html}\n---\n{page}");
}

#[test]
fn a_stray_control_character_leaves_every_feed_well_formed() {
    // A U+001C pasted into a post (as in one Korean blog), an escape sequence in a code
    // block, and a U+0008 in the title: XML 1.0 allows none of them anywhere.
    let site = TestSite::with_config(CONFIG);
    post(
        &site,
        "2024-01-01-ctrl",
        "title: \"제어\\u0008문자\"\ntags: [로그]\ncategories: [개발]",
        "댓글 수 추가\u{1c}\n\n```\n\u{1b}[31mred\u{1b}[0m\n```\n",
    );
    site.build(&[]).assert_ok();
    for feed in ["feed.xml", "tags/로그/feed.xml", "categories/개발/feed.xml"] {
        let xml = site.read(feed);
        assert_eq!(atom_entries(&xml), ["제어문자"], "{feed}");
        let content = &atom_contents(&xml)[0];
        assert!(content.contains("댓글 수 추가</p>"), "{content}");
        assert!(content.contains("[31mred[0m"), "{content}");
    }
    // The page itself keeps what was written.
    assert!(site.read("2024/ctrl/index.html").contains("추가\u{1c}"));
}

#[test]
fn every_tag_and_category_has_a_well_formed_feed() {
    let site = blog();
    site.build(&[]).assert_ok();
    let tag = site.read("tags/rust/feed.xml");
    assert_eq!(
        atom_entries(&tag),
        ["러스트 3편", "러스트 2편", "러스트 1편"]
    );
    assert!(tag.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.com/blog/tags/rust/feed.xml\"/>"));
    assert!(tag.contains("<title>기능 블로그 · #rust</title>"));
    let cat = site.read("categories/개발/러스트/feed.xml");
    assert_eq!(
        atom_entries(&cat),
        ["러스트 3편", "러스트 2편", "러스트 1편"]
    );
    assert!(cat.contains("<title>기능 블로그 · 개발 › 러스트</title>"));
    assert_eq!(
        atom_entries(&site.read("categories/개발/feed.xml")).len(),
        4
    );
    assert_eq!(
        atom_entries(&site.read("tags/보안/feed.xml")),
        ["</script><script>alert(1)</script> 제목"]
    );
    assert_eq!(atom_entries(&site.read("feed.xml")).len(), 7);
    // Each tag and category page points at its feed.
    let doc = site.html("tags/rust/index.html");
    assert_eq!(
        hrefs(&doc, "link[rel='alternate'][type='application/atom+xml']"),
        [
            "https://example.com/blog/feed.xml",
            "https://example.com/blog/tags/rust/feed.xml"
        ]
    );
    // And the sitemap lists the new pages.
    let sitemap = site.read("sitemap.xml");
    for loc in [
        "https://example.com/blog/categories/",
        "https://example.com/blog/categories/%EA%B0%9C%EB%B0%9C/%EB%9F%AC%EC%8A%A4%ED%8A%B8/",
        "https://example.com/blog/series/%EB%9F%AC%EC%8A%A4%ED%8A%B8-%EC%9E%85%EB%AC%B8/",
    ] {
        assert!(sitemap.contains(&format!("<loc>{loc}</loc>")), "{loc}");
    }
}

#[test]
fn a_jekyll_sites_category_folders_are_its_category_pages() {
    let site = TestSite::new();
    site.write("_config.yml", "title: Jekyll\nurl: https://example.com\n")
        .write(
            "dev/rust/_posts/2024-01-05-borrow.md",
            "---\ntitle: Borrow\n---\nbody\n",
        )
        .write(
            "_posts/2024-02-01-life.md",
            "---\ntitle: Life\ncategories: [Daily Life]\n---\nbody\n",
        );
    site.build(&[]).assert_ok();
    // Jekyll's URL has the categories; the category pages are the same path.
    assert!(site.public("dev/rust/2024/01/05/borrow.html").is_file());
    let doc = site.html("categories/dev/rust/index.html");
    assert_eq!(
        hrefs(&doc, ".post-rows a"),
        ["/dev/rust/2024/01/05/borrow.html"]
    );
    assert!(site.public("categories/dev/index.html").is_file());
    assert!(site.public("categories/daily-life/index.html").is_file());
    assert!(site.public("categories/dev/rust/feed.xml").is_file());
}

#[test]
fn the_build_s_urls_are_its_own() {
    let site = blog();
    site.write("content/series.md", "---\ntitle: 시리즈 소개\n---\n본문\n");
    let run = site.build(&[]);
    run.assert_failed();
    assert!(
        run.stderr().contains("content/series.md: URL collision: `series/index.html` is also written by the series index"),
        "{}",
        run.stderr()
    );
}

#[test]
fn serve_keeps_categories_series_pins_related_posts_and_feeds_right() {
    let site = blog();
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    let go = "2024-04-01-go";
    // A post joins the series and another category: the series page, the other parts, the
    // category pages, their feeds and the related lists follow.
    post(
        &site,
        go,
        "title: Go 이야기\nseries: 러스트 입문\ntags: [go, rust]\ncategories: [개발, 러스트]",
        "고.",
    );
    server.wait_for("/2024/rust-1/", 20, "the fourth part", |_, b| {
        b.contains("4편 중 1번째")
    });
    assert_same_as_clean_build(&site, &server);
    // Its title changes: the series box of every part, the related lists.
    post(
        &site,
        go,
        "title: Go 이야기 (개정)\nseries: 러스트 입문\ntags: [go, rust]\ncategories: [개발, 러스트]",
        "고.",
    );
    server.wait_for("/2024/rust-2/", 20, "the new title", |_, b| {
        b.contains("Go 이야기 (개정)")
    });
    assert_same_as_clean_build(&site, &server);
    // It is pinned, then leaves the series and the category.
    post(
        &site,
        go,
        "title: Go 이야기\npin: true\ntags: [go]\ncategories: [기타]",
        "고.",
    );
    server.wait_for(
        "/categories/%EA%B8%B0%ED%83%80/",
        20,
        "the new category",
        |s, _| s == 200,
    );
    assert_same_as_clean_build(&site, &server);
    let home = site.html("index.html");
    let first = select(&home, ".post-item-title a");
    // Both pinned: newest first.
    assert_eq!(text(&first[0]), "Go 이야기");
    assert_eq!(text(&first[1]), "공지");
    // A series of one part is gone with its last post.
    std::fs::remove_file(site.root().join("content/posts/2024-01-01-rust-1.md")).unwrap();
    std::fs::remove_file(site.root().join("content/posts/2024-02-01-rust-2.md")).unwrap();
    std::fs::remove_file(site.root().join("content/posts/2024-03-01-rust-3.md")).unwrap();
    server.wait_for("/series/", 20, "no series", |s, _| s == 404);
    assert_same_as_clean_build(&site, &server);
}
