//! `hoego serve`: the real server on port 0, real HTTP requests, real file edits.

mod common;

use std::fs;
use std::time::Duration;

use common::*;

const CONFIG: &str = "title = \"서버 테스트\"\nbase_url = \"https://example.com/\"\n";

fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/posts/2023-12-31-2023년 회고.md",
        "---\ntitle: 2023년 회고\ntags: [회고]\n---\n올해의 첫 문장.\n\n## 배운 점\n\n본문.\n",
    )
    .write(
        "content/posts/2023-06-01-여름.md",
        "---\ntitle: 여름\ntags: [일상]\n---\n더운 날.\n",
    )
    .write("content/about.md", "# 소개\n\n안녕하세요.\n")
    .write("content/images/dot.png", "\u{89}PNG fake")
    .write("secret.txt", "TOP-SECRET");
    site
}

const POST: &str = "/2023/2023%EB%85%84-%ED%9A%8C%EA%B3%A0/";

#[test]
fn serves_the_site_with_types_hangul_paths_and_404() {
    let site = site();
    let server = Server::start(site.root(), &[]);
    let (status, ctype, body) = server.get("/");
    assert_eq!((status, ctype.as_str()), (200, "text/html; charset=utf-8"));
    assert!(body.contains("2023년 회고"));
    assert!(
        !body.contains("livereload"),
        "no live reload without --watch"
    );

    let (status, _, body) = server.get(POST);
    assert_eq!(status, 200);
    assert!(body.contains("올해의 첫 문장"));
    let (status, ctype, _) = server.get("/css/style.css");
    assert_eq!((status, ctype.as_str()), (200, "text/css; charset=utf-8"));
    let (status, ctype, _) = server.get("/images/dot.png");
    assert_eq!((status, ctype.as_str()), (200, "image/png"));
    let (status, ctype, _) = server.get("/feed.xml");
    assert_eq!(status, 200);
    assert!(
        ctype.contains("xml") && ctype.contains("charset=utf-8"),
        "{ctype}"
    );

    let (status, ctype, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(ctype.starts_with("text/html"));
    assert!(
        body.contains("페이지를 찾을 수 없습니다"),
        "the site's own 404 page"
    );

    // A folder without its slash is redirected to it.
    assert_eq!(server.raw_status("/about"), 301);
    assert_eq!(server.get("/about/").0, 200);
}

#[test]
fn nothing_outside_the_site_is_readable() {
    let site = site();
    let server = Server::start(site.root(), &[]);
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/css/../../secret.txt",
        "/css/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
    ] {
        let status = server.raw_status(target);
        assert_ne!(status, 200, "{target} was served");
    }
    // A symlink inside the output that points out of it is not followed.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.root().join("secret.txt"), site.public("leak.txt"))
            .unwrap();
        let (status, _, body) = server.get("/leak.txt");
        assert_eq!(status, 404);
        assert!(!body.contains("TOP-SECRET"));
    }
}

#[test]
fn watch_follows_every_kind_of_save_and_equals_a_clean_build() {
    let site = site();
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    let post = site.root().join("content/posts/2023-12-31-2023년 회고.md");

    // The live-reload script is served, never written.
    assert!(server.get(POST).2.contains("/__hoego/livereload.js"));
    assert!(
        !site
            .read("2023/2023년-회고/index.html")
            .contains("livereload")
    );

    // 1. Write in place.
    fs::write(
        &post,
        "---\ntitle: 2023년 회고\ntags: [회고]\n---\n제자리 저장.\n",
    )
    .unwrap();
    server.wait_for(POST, 20, "in-place edit", |_, b| b.contains("제자리 저장"));

    // 2. Write a temp file and rename it over the post (vim, VS Code, JetBrains).
    let tmp = site
        .root()
        .join("content/posts/.2023-12-31-2023년 회고.md.swp");
    fs::write(
        &tmp,
        "---\ntitle: 2023년 회고\ntags: [회고, 새태그]\n---\n바꿔치기 저장.\n",
    )
    .unwrap();
    fs::rename(&tmp, &post).unwrap();
    server.wait_for(POST, 20, "atomic replace", |_, b| {
        b.contains("바꿔치기 저장")
    });
    server.wait_for(
        "/tags/%EC%83%88%ED%83%9C%EA%B7%B8/",
        20,
        "new tag page",
        |s, _| s == 200,
    );

    // 3. A new post shows up on its page, the home page and its tag page.
    site.write(
        "content/posts/2024-01-01-새해.md",
        "---\ntitle: 새해 첫 글\ntags: [일상]\n---\n새해.\n",
    );
    server.wait_for("/2024/%EC%83%88%ED%95%B4/", 20, "new post", |s, b| {
        s == 200 && b.contains("새해.")
    });
    server.wait_for("/", 20, "home lists the new post", |_, b| {
        b.contains("새해 첫 글")
    });
    server.wait_for(
        "/tags/%EC%9D%BC%EC%83%81/",
        20,
        "tag lists the new post",
        |_, b| b.contains("새해 첫 글"),
    );

    // 4. Delete a post: its page 404s and listings drop it.
    fs::remove_file(site.root().join("content/posts/2023-06-01-여름.md")).unwrap();
    server.wait_for("/2023/%EC%97%AC%EB%A6%84/", 20, "deleted post", |s, _| {
        s == 404
    });
    server.wait_for("/", 20, "home without the deleted post", |_, b| {
        !b.contains("여름")
    });

    // 5. Rename a post file: the old URL goes, the new one comes.
    fs::rename(
        site.root().join("content/posts/2024-01-01-새해.md"),
        site.root().join("content/posts/2024-01-01-첫날.md"),
    )
    .unwrap();
    server.wait_for("/2024/%EC%B2%AB%EB%82%A0/", 20, "renamed post", |s, _| {
        s == 200
    });
    server.wait_for("/2024/%EC%83%88%ED%95%B4/", 20, "old URL gone", |s, _| {
        s == 404
    });

    // 6. A new folder of posts, then the folder deleted as a whole.
    site.write(
        "content/posts/series/2024-02-02-연재.md",
        "---\ntitle: 연재 1편\n---\n연재.\n",
    );
    server.wait_for(
        "/2024/%EC%97%B0%EC%9E%AC/",
        20,
        "post in a new folder",
        |s, _| s == 200,
    );
    fs::remove_dir_all(site.root().join("content/posts/series")).unwrap();
    server.wait_for("/2024/%EC%97%B0%EC%9E%AC/", 20, "folder removed", |s, _| {
        s == 404
    });

    // Incremental rebuilds so far add up to a clean build.
    assert_same_as_clean_build(&site, &server);

    // 7. Bad front matter keeps the last good page; fixing it brings the new one.
    fs::write(&post, "---\ntitle: [고장\n---\n고장.\n").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let (status, _, body) = server.get(POST);
    assert_eq!(status, 200);
    assert!(
        body.contains("바꿔치기 저장"),
        "last good page is still served"
    );
    server.wait_for_log("2023-12-31-2023년 회고.md:2", 10);
    fs::write(&post, "---\ntitle: 2023년 회고\n---\n고친 글.\n").unwrap();
    server.wait_for(POST, 20, "fixed post", |_, b| b.contains("고친 글"));

    // 8. Config changes re-render everything.
    fs::write(
        site.root().join("config.toml"),
        CONFIG.replace("서버 테스트", "새 이름"),
    )
    .unwrap();
    server.wait_for("/about/", 20, "new site title", |_, b| {
        b.contains("새 이름")
    });

    // 9. A burst of edits to several files.
    for i in 0..8 {
        fs::write(
            &post,
            format!("---\ntitle: 2023년 회고\ntags: [태그{i}]\n---\n연속 저장 {i}.\n"),
        )
        .unwrap();
        site.write("content/about.md", &format!("# 소개\n\n소개 {i}.\n"));
        std::thread::sleep(Duration::from_millis(15));
    }
    server.wait_for(POST, 20, "last of the burst", |_, b| {
        b.contains("연속 저장 7.")
    });
    server.wait_for("/about/", 20, "last of the burst", |_, b| {
        b.contains("소개 7.")
    });

    assert_same_as_clean_build(&site, &server);
    // The clean build went to another folder: the served one kept only its own files.
    assert!(!site.public("clean").exists());
}

#[test]
fn a_failed_first_build_is_served_once_fixed() {
    let site = TestSite::with_config(CONFIG);
    site.write("content/posts/2023-01-01-a.md", "---\ntitle: [깨짐\n---\n");
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    server.wait_for_log("2023-01-01-a.md:2", 10);
    site.write(
        "content/posts/2023-01-01-a.md",
        "---\ntitle: 고침\n---\n이제 된다.\n",
    );
    server.wait_for("/2023/a/", 20, "fixed first build", |s, b| {
        s == 200 && b.contains("이제 된다")
    });
    assert_same_as_clean_build(&site, &server);
}

#[test]
fn watch_keeps_retrospectives_the_timeline_and_the_numbers_right() {
    let site = TestSite::with_config(CONFIG);
    let older = site.root().join("content/posts/2023-12-31-지난해.md");
    let newer = site.root().join("content/posts/2024-12-31-올해.md");
    let note = site.root().join("content/posts/2024-05-01-메모.md");
    fs::create_dir_all(older.parent().unwrap()).unwrap();
    fs::write(
        &older,
        "---\ntitle: 2023년 회고\n---\n## 2024년 목표\n\n- 책 읽기\n- 달리기\n",
    )
    .unwrap();
    fs::write(
        &newer,
        "---\ntitle: 2024년 회고\n---\n- [x] 책 읽기\n- [ ] 달리기\n",
    )
    .unwrap();
    fs::write(&note, "---\ntitle: 메모\n---\n짧은 글.\n").unwrap();
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    let page = "/2024/%EC%98%AC%ED%95%B4/";
    assert!(server.get(page).2.contains("2개 중 2개를 점검, 1개 달성"));

    // Last year's plans change: this year's card follows.
    fs::write(
        &older,
        "---\ntitle: 2023년 회고\n---\n## 2024년 목표\n\n- 책 읽기\n- 달리기\n- 수영\n",
    )
    .unwrap();
    server.wait_for(page, 20, "carried goals", |_, b| {
        b.contains("3개 중 2개를 점검, 1개 달성")
    });
    // A post that is not a retrospective changes the year's numbers, then moves to another
    // day of the archive's writing calendar.
    fs::write(
        &note,
        "---\ntitle: 메모\n---\n조금 더 긴 짧은 글이 되었다.\n",
    )
    .unwrap();
    assert_same_as_clean_build(&site, &server);
    fs::write(
        &note,
        "---\ntitle: 메모\ndate: 2024-06-02\n---\n조금 더 긴 짧은 글이 되었다.\n",
    )
    .unwrap();
    server.wait_for("/2024/%EB%A9%94%EB%AA%A8/", 20, "the moved post", |_, b| {
        b.contains("2024-06-02")
    });
    assert_same_as_clean_build(&site, &server);

    // A post becomes a retrospective: the timeline lists it.
    fs::write(&note, "---\ntitle: 2024년 상반기 회고\n---\n- [x] 이사\n").unwrap();
    server.wait_for("/retrospectives/", 20, "a new retrospective", |_, b| {
        b.contains("2024년 상반기 회고")
    });
    assert_same_as_clean_build(&site, &server);

    // No retrospectives left: no timeline, no menu link.
    fs::remove_file(&older).unwrap();
    fs::remove_file(&newer).unwrap();
    fs::write(&note, "---\ntitle: 메모\nretro: false\n---\n끝.\n").unwrap();
    server.wait_for("/retrospectives.json", 20, "no timeline", |s, _| s == 404);
    assert_same_as_clean_build(&site, &server);
    assert!(!site.read("index.html").contains("/retrospectives/"));
}

#[test]
fn watch_follows_a_jekyll_sites_pages() {
    let site = TestSite::new();
    site.write(
        "_config.yml",
        "title: 쪽\nurl: \"https://example.com\"\npermalink: pretty\ninclude: [_pages]\n",
    )
    .write("_posts/2024-06-01-hello.md", "---\ntitle: 글\n---\n본문.\n")
    .write(
        "about.md",
        "---\ntitle: 소개\npermalink: /about/\n---\n처음 소개.\n",
    );
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    server.wait_for("/about/", 20, "the root's page", |s, b| {
        s == 200 && b.contains("처음 소개")
    });

    // An edit at the top of the site, a new page in `_pages/`, one that gives way to
    // hoego's own 404 page.
    site.write(
        "about.md",
        "---\ntitle: 소개\npermalink: /about/\n---\n고친 소개.\n",
    );
    server.wait_for("/about/", 20, "edited page", |_, b| b.contains("고친 소개"));
    site.write(
        "_pages/contact.md",
        "---\ntitle: 연락\npermalink: /contact/\n---\n메일.\n",
    );
    server.wait_for("/contact/", 20, "new page", |s, b| {
        s == 200 && b.contains("메일.")
    });
    site.write("_pages/404.md", "---\npermalink: /404.html\n---\n옛 404.\n");
    server.wait_for_log(
        "warning: _pages/404.md: left out: hoego makes the 404 page itself",
        20,
    );
    assert!(!server.get("/404.html").2.contains("옛 404."));

    // A page deleted is gone.
    fs::remove_file(site.root().join("_pages/contact.md")).unwrap();
    server.wait_for("/contact/", 20, "deleted page", |s, _| s == 404);

    // `_data/navigation.yml` written while serving becomes the menu.
    site.write(
        "_data/navigation.yml",
        "main:\n  - title: 나는\n    url: /about/\n",
    );
    server.wait_for("/", 20, "the menu from navigation.yml", |_, b| {
        b.contains("<a href=\"/about/\">나는</a>")
    });
    site.write(
        "_data/navigation.yml",
        "main:\n  - title: 글쓴이\n    url: /about/\n",
    );
    server.wait_for("/", 20, "the menu edited", |_, b| {
        b.contains("<a href=\"/about/\">글쓴이</a>")
    });
    assert_same_as_clean_build(&site, &server);
}

#[test]
fn watch_follows_a_jekyll_sites_asset_folders() {
    let site = TestSite::new();
    site.write("_config.yml", "title: 쪽\nurl: \"https://example.com\"\n")
        .write("_posts/2024-06-01-hello.md", "---\ntitle: 글\n---\n본문.\n")
        .write("assets/img/a.txt", "one\n");
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    server.wait_for("/assets/img/a.txt", 20, "the asset", |s, b| {
        s == 200 && b == "one\n"
    });
    // An asset edited, one added in a new folder, and a new asset folder at the top.
    site.write("assets/img/a.txt", "two\n");
    server.wait_for("/assets/img/a.txt", 20, "the edited asset", |_, b| {
        b == "two\n"
    });
    site.write("assets/new/b.txt", "three\n");
    server.wait_for("/assets/new/b.txt", 20, "a new asset", |s, _| s == 200);
    site.write("images/c.txt", "four\n");
    server.wait_for("/images/c.txt", 20, "a new asset folder", |s, _| s == 200);
    assert_same_as_clean_build(&site, &server);
}

#[test]
fn watch_keeps_the_feed_where_the_sites_own_feed_template_put_it() {
    let site = TestSite::new();
    site.write("_config.yml", "title: 쪽\nurl: \"https://example.com\"\n")
        .write(
            "_posts/2024-06-01-hello.md",
            "---\ntitle: 첫 글\n---\n본문.\n",
        )
        .write(
            "atom.xml",
            "---\nlayout: null\n---\n<feed>{{ site.title }}</feed>\n",
        );
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    server.wait_for("/atom.xml", 20, "the old feed address", |s, b| {
        s == 200 && b.contains("첫 글")
    });
    site.write(
        "_posts/2024-06-01-hello.md",
        "---\ntitle: 고친 글\n---\n본문.\n",
    );
    server.wait_for("/atom.xml", 20, "the edited post in it", |_, b| {
        b.contains("고친 글")
    });
    assert_same_as_clean_build(&site, &server);
}

#[test]
fn watch_follows_a_folder_of_pages_the_config_names_while_serving() {
    let site = TestSite::new();
    site.write(
        "_config.yml",
        "title: 쪽\nurl: \"https://example.com\"\npermalink: pretty\n",
    )
    .write("_posts/2024-06-01-hello.md", "---\ntitle: 글\n---\n본문.\n")
    .write(
        "_tabs/about.md",
        "---\ntitle: 소개\npermalink: /about/\n---\n처음 소개.\n",
    );
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    server.wait_for("/2024/06/01/hello/", 20, "the post", |s, _| s == 200);
    assert_eq!(
        server.get("/about/").0,
        404,
        "`_tabs` is no folder of pages yet"
    );

    // The config now makes `_tabs` a collection of pages, as Chirpy's does.
    site.write(
        "_config.yml",
        "title: 쪽\nurl: \"https://example.com\"\npermalink: pretty\n\
         collections:\n  tabs:\n    output: true\n",
    );
    server.wait_for("/about/", 20, "the folder's page", |s, b| {
        s == 200 && b.contains("처음 소개")
    });
    // Its pages are watched from then on.
    site.write(
        "_tabs/about.md",
        "---\ntitle: 소개\npermalink: /about/\n---\n고친 소개.\n",
    );
    server.wait_for("/about/", 20, "edited page", |_, b| b.contains("고친 소개"));
    assert_same_as_clean_build(&site, &server);
}

#[test]
fn watch_follows_a_sites_collections_folder() {
    let site = TestSite::new();
    site.write(
        "_config.yml",
        "title: 모음\nurl: \"https://example.com\"\npermalink: pretty\n\
         collections_dir: cols\ncollections:\n  tabs:\n    output: true\n",
    )
    .write(
        "cols/_posts/2024-06-01-hello.md",
        "---\ntitle: 글\n---\n처음 글.\n",
    )
    .write(
        "cols/_tabs/about.md",
        "---\ntitle: 소개\npermalink: /about/\n---\n처음 소개.\n",
    );
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    server.wait_for("/2024/06/01/hello/", 20, "the post", |s, b| {
        s == 200 && b.contains("처음 글")
    });
    server.wait_for("/about/", 20, "the tab", |s, _| s == 200);

    // Edits in the collections folder reach the pages.
    site.write(
        "cols/_posts/2024-06-01-hello.md",
        "---\ntitle: 글\n---\n고친 글.\n",
    );
    server.wait_for("/2024/06/01/hello/", 20, "edited post", |_, b| {
        b.contains("고친 글")
    });
    site.write(
        "cols/_tabs/about.md",
        "---\ntitle: 소개\npermalink: /about/\n---\n고친 소개.\n",
    );
    server.wait_for("/about/", 20, "edited tab", |_, b| b.contains("고친 소개"));
    assert_same_as_clean_build(&site, &server);
}
