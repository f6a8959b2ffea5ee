//! `hoego serve --watch` under every way files change at once: a broken save holds back
//! only itself, and after a storm of mixed edits the served folder is exactly a clean build.

mod common;

use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use common::*;

const CONFIG: &str = "title = \"폭풍\"\nbase_url = \"https://example.com/\"\n";

fn post(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2024-05-01\ntags: [태그]\n---\n{body}\n")
}

const BROKEN: &str = "---\ntitle: [broken\n---\n";

fn url(slug: &str) -> String {
    format!("/2024/{slug}/")
}

#[test]
fn a_broken_save_holds_back_only_itself() {
    let site = TestSite::with_config(CONFIG);
    let posts = site.root().join("content/posts");
    for name in ["a", "b", "c", "d"] {
        site.write(
            &format!("content/posts/{name}.md"),
            &post(&format!("글 {name}"), &format!("{name} 처음")),
        );
    }
    let server = Server::start(site.root(), &["--watch", "--debounce", "80"]);

    // In one batch: a rename, a delete, an edit — and a broken save of another post.
    fs::rename(posts.join("a.md"), posts.join("a2.md")).unwrap();
    fs::remove_file(posts.join("c.md")).unwrap();
    fs::write(posts.join("d.md"), post("글 d", "d 고침")).unwrap();
    fs::write(posts.join("b.md"), BROKEN).unwrap();

    server.wait_for(&url("a2"), 20, "the renamed post", |s, _| s == 200);
    server.wait_for(&url("a"), 20, "the old URL gone", |s, _| s == 404);
    server.wait_for(&url("c"), 20, "the deleted post gone", |s, _| s == 404);
    server.wait_for(&url("d"), 20, "the edit", |_, b| b.contains("d 고침"));
    server.wait_for("/", 20, "the home page without c", |_, b| {
        !b.contains("글 c") && b.contains("글 d")
    });
    server.wait_for_log("b.md:2", 10);
    // The broken post keeps its last good version.
    let (status, _, body) = server.get(&url("b"));
    assert_eq!(status, 200);
    assert!(body.contains("b 처음"), "{body}");

    // Fixing it brings it in; nothing else was lost on the way.
    fs::write(posts.join("b.md"), post("글 b", "b 고침")).unwrap();
    server.wait_for(&url("b"), 20, "the fix", |_, b| b.contains("b 고침"));
    assert_same_as_clean_build(&site, &server);

    // A broken save of a brand-new post leaves it out until it is fixed.
    fs::write(posts.join("e.md"), BROKEN).unwrap();
    fs::write(posts.join("d.md"), post("글 d", "d 또 고침")).unwrap();
    server.wait_for(
        &url("d"),
        20,
        "the edit beside a new broken post",
        |_, b| b.contains("d 또 고침"),
    );
    server.wait_for_log("e.md:2", 10);
    assert_eq!(server.get(&url("e")).0, 404);
    fs::write(posts.join("e.md"), post("글 e", "e 고침")).unwrap();
    server.wait_for(&url("e"), 20, "the fixed new post", |s, _| s == 200);

    // A config change (a full rebuild) while a post is broken: the rest is applied.
    fs::write(posts.join("d.md"), BROKEN).unwrap();
    fs::write(
        site.root().join("config.toml"),
        CONFIG.replace("폭풍", "태풍"),
    )
    .unwrap();
    server.wait_for(&url("a2"), 20, "the new title", |_, b| b.contains("태풍"));
    let (status, _, body) = server.get(&url("d"));
    assert_eq!(status, 200);
    assert!(
        body.contains("d 또 고침") && body.contains("태풍"),
        "{body}"
    );
    fs::write(posts.join("d.md"), post("글 d", "d 마지막")).unwrap();
    server.wait_for(&url("d"), 20, "the fix", |_, b| b.contains("d 마지막"));
    assert_same_as_clean_build(&site, &server);
}

/// A small deterministic random number generator (the same storm on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn after_an_edit_storm_the_served_folder_is_a_clean_build() {
    let site = TestSite::with_config(CONFIG);
    let posts = site.root().join("content/posts");
    site.write("content/about.md", "# 소개\n\n처음.\n");
    let mut names: Vec<String> = (0..16).map(|i| format!("p{i:02}")).collect();
    for name in &names {
        site.write(
            &format!("content/posts/{name}.md"),
            &post(&format!("글 {name}"), "처음"),
        );
    }
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    let path = |name: &str| -> PathBuf { posts.join(format!("{name}.md")) };
    let mut rng = Lcg(0x570a);
    let mut next_name = 100;
    let mut broken: Vec<String> = Vec::new();
    let ops = 240;
    for step in 0..ops {
        let i = rng.next(names.len() as u64) as usize;
        let name = names[i].clone();
        let text = post(&format!("글 {name}"), &format!("고침 {step}"));
        match rng.next(9) {
            // Write in place.
            0 | 1 => fs::write(path(&name), &text).unwrap(),
            // A temporary file renamed over the post (vim, VS Code, JetBrains).
            2 => {
                let tmp = posts.join(format!(".{name}.md.swp"));
                fs::write(&tmp, &text).unwrap();
                fs::rename(&tmp, path(&name)).unwrap();
            }
            // Delete and write again.
            3 => {
                fs::remove_file(path(&name)).unwrap();
                std::thread::sleep(Duration::from_millis(rng.next(10)));
                fs::write(path(&name), &text).unwrap();
            }
            // Rename the file.
            4 => {
                let new = format!("p{next_name}");
                next_name += 1;
                fs::rename(path(&name), path(&new)).unwrap();
                if let Some(b) = broken.iter_mut().find(|b| **b == name) {
                    *b = new.clone();
                }
                names[i] = new;
            }
            // A broken save (fixed later).
            5 => {
                fs::write(path(&name), BROKEN).unwrap();
                if !broken.contains(&name) {
                    broken.push(name);
                }
            }
            // A new post, or one deleted for good.
            6 if names.len() < 24 => {
                let new = format!("p{next_name}");
                next_name += 1;
                fs::write(path(&new), post(&format!("글 {new}"), "새 글")).unwrap();
                names.push(new);
            }
            6 | 7 if names.len() > 8 => {
                fs::remove_file(path(&name)).unwrap();
                broken.retain(|b| *b != name);
                names.remove(i);
            }
            // The standalone page (the menu every page shows).
            _ => {
                site.write("content/about.md", &format!("# 소개 {step}\n\n고침.\n"));
            }
        }
        std::thread::sleep(Duration::from_millis(rng.next(25)));
    }
    // Fix what is still broken, then the folder must be what a clean build writes.
    for name in &broken {
        if names.contains(name) {
            fs::write(path(name), post(&format!("글 {name}"), "고쳤다")).unwrap();
        }
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_same_as_clean_build(&site, &server);
    assert!(!server.log().contains("panicked"), "{}", server.log());
    for name in &names {
        let (status, _, _) = server.get(&url(name));
        assert_eq!(status, 200, "{name}\n{}", server.log());
    }
}

#[test]
fn a_template_that_includes_itself_is_reported_and_serve_survives() {
    let site = TestSite::with_config(CONFIG);
    site.write("content/posts/a.md", &post("글 a", "본문 a"));
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    site.write(
        "templates/post.html",
        "<main>\n{% include \"post.html\" %}\n</main>\n",
    );
    server.wait_for_log("templates/post.html:2", 20);
    // Still serving the last good page, and still rebuilding.
    let (status, _, body) = server.get(&url("a"));
    assert_eq!(status, 200);
    assert!(body.contains("본문 a"));
    site.write(
        "templates/post.html",
        "<main>{{ page.content | safe }}</main>\n",
    );
    server.wait_for(&url("a"), 20, "the fixed template", |_, b| {
        b.starts_with("<main>")
    });
    assert_same_as_clean_build(&site, &server);
}

fn retro(year: u32, goals: &str, next: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {year}년 회고\ndate: {year}-12-30\ntags: [회고, 일상]\n---\n\
         올해를 돌아본다.\n\n## 올해의 목표\n\n{goals}\n\n## 내년 목표\n\n{next}\n\n{extra}\n"
    )
}

/// Edits that change only a post's text take `serve`'s short path (URLs, lists and the chain
/// of retrospectives kept): goals checked, next goals rewritten, a title taken from the first
/// heading, a post grown past another minute of reading. After each, the served folder must
/// still be a clean build.
#[test]
fn text_only_edits_keep_every_page_as_a_clean_build_writes_it() {
    let site = TestSite::with_config(CONFIG);
    let p = |rel: &str| site.root().join("content/posts").join(rel);
    site.write(
        "content/posts/2023-retro.md",
        &retro(
            2023,
            "- [x] 운동",
            "1. 책 열 권 읽기\n2. 블로그 열 편 쓰기",
            "",
        ),
    );
    site.write(
        "content/posts/2024-retro.md",
        &retro(
            2024,
            "- [x] 책 열 권 읽기\n- [ ] 블로그 열 편 쓰기",
            "1. 마라톤 완주\n2. 러스트 공부",
            "",
        ),
    );
    site.write(
        "content/posts/2025-retro.md",
        &retro(2025, "- [ ] 마라톤 완주\n- [ ] 러스트 공부", "1. 쉬기", ""),
    );
    site.write(
        "content/posts/plain.md",
        "---\ndate: 2025-03-01\ntags: [일상]\n---\n# 처음 제목\n\n짧은 글.\n",
    );
    let server = Server::start(site.root(), &["--watch", "--debounce", "20"]);
    let edits: Vec<(&str, String)> = vec![
        // A goal checked: the achievement and what 2025 says of 2024's next goals.
        (
            "2025-retro.md",
            retro(2025, "- [x] 마라톤 완주\n- [ ] 러스트 공부", "1. 쉬기", ""),
        ),
        // The next goals of 2024 rewritten: carried into 2025 differently.
        (
            "2024-retro.md",
            retro(
                2024,
                "- [x] 책 열 권 읽기\n- [ ] 블로그 열 편 쓰기",
                "1. 마라톤 완주\n2. 수영 배우기",
                "",
            ),
        ),
        // A title from the first heading: listings, neighbours and feeds show it.
        (
            "plain.md",
            "---\ndate: 2025-03-01\ntags: [일상]\n---\n# 바뀐 제목\n\n짧은 글.\n".into(),
        ),
        // Long enough to read for minutes: the year's numbers and reading times change.
        (
            "2025-retro.md",
            retro(
                2025,
                "- [x] 마라톤 완주\n- [x] 러스트 공부",
                "1. 쉬기",
                &"긴 문단의 글이 이어진다. ".repeat(600),
            ),
        ),
    ];
    for (file, text) in edits {
        fs::write(p(file), text).unwrap();
        std::thread::sleep(Duration::from_millis(150));
        assert_same_as_clean_build(&site, &server);
    }
    assert!(!server.log().contains("panicked"), "{}", server.log());
}
