//! What a build may write and delete: only inside its output folder, only files hoego made
//! there, whatever the input, the links planted in the folder, a mount point under it or a
//! kill in the middle of moving files in.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

const CONFIG: &str = "title = \"안전\"\nbase_url = \"https://example.com/\"\n";

fn post(title: &str, extra: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2024-02-01\n{extra}---\n{title} 본문.\n")
}

/// A site in `tmp/site`, so that what is written beside it can be looked at.
fn site_in(tmp: &Path) -> std::path::PathBuf {
    let root = tmp.join("site");
    fs::create_dir_all(root.join("content/posts")).unwrap();
    fs::write(root.join("config.toml"), CONFIG).unwrap();
    fs::write(root.join("content/posts/2024-02-01-a.md"), post("가", "")).unwrap();
    root
}

/// The tests below plant a file holding `PRIVATE KEY` outside the site: none of its bytes
/// may reach the output, under any name.
fn assert_key_not_published(files: &std::collections::BTreeMap<String, Vec<u8>>) {
    for (path, bytes) in files {
        assert!(
            !bytes.windows(11).any(|w| w == b"PRIVATE KEY"),
            "the key's bytes were published as {path}"
        );
    }
}

fn build(root: &Path, args: &[&str]) -> Run {
    Run {
        output: hoego()
            .arg("build")
            .args(args)
            .current_dir(root)
            .output()
            .unwrap(),
    }
}

#[test]
fn a_permalink_never_reaches_a_file_beside_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site_in(tmp.path());
    fs::write(tmp.path().join("victim.txt"), "untouched").unwrap();
    build(&root, &[]).assert_ok();
    for permalink in [
        "/../../victim.txt",
        "/../victim.txt",
        "/a/../../../victim.txt",
        "../../victim.txt",
    ] {
        fs::write(
            root.join("content/posts/2024-02-02-b.md"),
            post("나", &format!("permalink: \"{permalink}\"\n")),
        )
        .unwrap();
        let run = build(&root, &[]);
        run.assert_failed();
        assert!(
            run.stderr().contains("2024-02-02-b.md:4"),
            "{}",
            run.stderr()
        );
        assert_eq!(
            fs::read_to_string(tmp.path().join("victim.txt")).unwrap(),
            "untouched"
        );
    }
    // A permalink that climbs and comes back down stays inside.
    fs::write(
        root.join("content/posts/2024-02-02-b.md"),
        post("나", "permalink: /x/../y/\n"),
    )
    .unwrap();
    build(&root, &[]).assert_ok();
    assert!(root.join("public/y/index.html").is_file());
    fs::remove_file(root.join("content/posts/2024-02-02-b.md")).unwrap();
    build(&root, &[]).assert_ok();
    assert!(!root.join("public/y").exists());
    let mut beside: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["site", "victim.txt"]);
}

#[test]
fn the_output_folder_may_not_swallow_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site_in(tmp.path());
    fs::write(tmp.path().join("sibling.txt"), "mine").unwrap();
    let snapshot = || list_files(tmp.path());
    let before = snapshot();
    for out in [
        "..",
        "../site",
        ".",
        "content",
        "content/posts/x",
        "../site/static",
    ] {
        let run = build(&root, &["--output", out]);
        run.assert_failed();
        assert!(
            run.stderr().contains("choose another --output"),
            "{out}: {}",
            run.stderr()
        );
        assert_eq!(snapshot(), before, "--output {out} changed files");
    }
    // Through a link: `out` points at the site's content folder.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("content"), tmp.path().join("out")).unwrap();
        build(&root, &["--output", "../out"]).assert_failed();
        build(&root, &["--output", "../out/x"]).assert_failed();
        fs::remove_file(tmp.path().join("out")).unwrap();
    }
    assert_eq!(snapshot(), before);
}

#[test]
fn files_hoego_did_not_make_stay_and_clean_takes_them_unless_hidden() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site_in(tmp.path());
    build(&root, &[]).assert_ok();
    let public = root.join("public");
    // A gh-pages worktree and a deploy note, put there by the user.
    fs::create_dir_all(public.join(".git/refs")).unwrap();
    fs::write(public.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    fs::write(public.join("README-deploy.md"), "deploy notes").unwrap();
    fs::create_dir_all(public.join("extra")).unwrap();
    fs::write(public.join("extra/keep.txt"), "kept").unwrap();

    // A post goes away: its page goes; the user's files stay.
    fs::write(root.join("content/posts/2024-02-02-b.md"), post("나", "")).unwrap();
    build(&root, &[]).assert_ok();
    assert!(public.join("2024/b/index.html").is_file());
    fs::remove_file(root.join("content/posts/2024-02-02-b.md")).unwrap();
    let run = build(&root, &[]);
    run.assert_ok();
    assert!(!public.join("2024/b").exists());
    assert!(
        run.stdout()
            .contains("2 files hoego did not make left in place; --clean deletes them"),
        "{}",
        run.stdout()
    );
    assert_eq!(
        fs::read_to_string(public.join("README-deploy.md")).unwrap(),
        "deploy notes"
    );
    assert!(public.join("extra/keep.txt").is_file());
    assert!(public.join(".git/HEAD").is_file());

    // A damaged or hostile manifest cannot make the build delete anything else.
    fs::write(tmp.path().join("victim.txt"), "beside").unwrap();
    fs::write(
        public.join(".hoego-manifest.json"),
        r#"{"version":1,"files":["../../victim.txt","README-deploy.md/../../../victim.txt",".git/HEAD","2024/a/index.html"]}"#,
    )
    .unwrap();
    build(&root, &[]).assert_ok();
    assert!(tmp.path().join("victim.txt").is_file());
    assert!(public.join(".git/HEAD").is_file());
    assert!(public.join("README-deploy.md").is_file());

    let run = build(&root, &["--clean"]);
    run.assert_ok();
    assert!(!run.stdout().contains("did not make"), "{}", run.stdout());
    assert!(!public.join("README-deploy.md").exists());
    assert!(!public.join("extra").exists());
    assert!(
        public.join(".git/HEAD").is_file(),
        "hidden files always stay"
    );
    build(&root, &["--output", "fresh"]).assert_ok();
    let mut built = list_files(&public);
    built.retain(|k, _| !k.starts_with(".git/"));
    assert_eq!(built, list_files(&root.join("fresh")));
}

#[test]
fn a_users_folder_where_a_page_now_goes_is_not_deleted_without_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site_in(tmp.path());
    build(&root, &[]).assert_ok();
    let public = root.join("public");
    fs::create_dir_all(public.join("notes")).unwrap();
    fs::write(public.join("notes/mine.txt"), "mine").unwrap();
    // Now the site has a file where that folder is.
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/notes"), "a file of the site").unwrap();
    let run = build(&root, &[]);
    run.assert_failed();
    assert!(run.stderr().contains("notes/mine.txt"), "{}", run.stderr());
    assert_eq!(
        fs::read_to_string(public.join("notes/mine.txt")).unwrap(),
        "mine"
    );
    // A hidden file stays even with --clean: the user moves it.
    fs::write(public.join("notes/.keep"), "").unwrap();
    let run = build(&root, &["--clean"]);
    run.assert_failed();
    assert!(run.stderr().contains("notes/.keep"), "{}", run.stderr());
    fs::remove_file(public.join("notes/.keep")).unwrap();
    build(&root, &["--clean"]).assert_ok();
    assert_eq!(
        fs::read_to_string(public.join("notes")).unwrap(),
        "a file of the site"
    );
}

#[test]
fn a_jekyll_sites_folders_are_not_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("blog");
    fs::create_dir_all(root.join("dev/_posts")).unwrap();
    fs::create_dir_all(root.join("assets")).unwrap();
    fs::write(root.join("_config.yml"), "title: 블로그\n").unwrap();
    fs::write(root.join("assets/logo.png"), "png").unwrap();
    fs::write(
        root.join("dev/_posts/2023-01-02-hello.md"),
        post("안녕", ""),
    )
    .unwrap();
    let before = list_files(tmp.path());
    for out in ["dev", "dev/_posts", "assets", "assets/out"] {
        let run = build(&root, &["--output", out, "--clean"]);
        run.assert_failed();
        assert!(
            run.stderr().contains("choose another --output"),
            "{out}: {}",
            run.stderr()
        );
    }
    assert_eq!(list_files(tmp.path()), before);
    build(&root, &["--output", "_site"]).assert_ok();
    assert!(root.join("_site/dev/2024/02/01/hello.html").is_file());
}

#[test]
fn a_hoego_sites_own_files_at_its_top_are_not_published() {
    // A hoego site (config.toml) that keeps its posts in Jekyll's `_posts/`: the files at
    // its top are its own, not a Jekyll site's to copy.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    fs::create_dir_all(root.join("_posts")).unwrap();
    fs::write(root.join("config.toml"), CONFIG).unwrap();
    fs::write(root.join("_posts/2024-02-01-a.md"), post("가", "")).unwrap();
    fs::write(root.join("notes.txt"), "내 메모").unwrap();
    fs::write(
        root.join("README.md"),
        post("읽어 보기", "permalink: /readme/\n"),
    )
    .unwrap();
    build(&root, &["--output", "out"]).assert_ok();
    let written: Vec<String> = list_files(&root.join("out")).into_keys().collect();
    assert!(
        written.iter().any(|f| f == "2024/a/index.html"),
        "{written:?}"
    );
    for own in ["config.toml", "notes.txt", "readme/index.html"] {
        assert!(
            !written.iter().any(|f| f == own),
            "{own} published: {written:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn links_planted_in_the_output_are_replaced_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site_in(tmp.path());
    build(&root, &[]).assert_ok();
    let public = root.join("public");
    let outside = tmp.path().join("outside");
    fs::create_dir_all(outside.join("a")).unwrap();
    fs::write(outside.join("a/index.html"), "outside").unwrap();
    fs::write(outside.join("robots.txt"), "outside").unwrap();
    // The post's folder and a generated file become links to elsewhere.
    fs::remove_dir_all(public.join("2024")).unwrap();
    std::os::unix::fs::symlink(&outside, public.join("2024")).unwrap();
    fs::remove_file(public.join("robots.txt")).unwrap();
    std::os::unix::fs::symlink(outside.join("robots.txt"), public.join("robots.txt")).unwrap();
    fs::write(
        root.join("content/posts/2024-02-01-a.md"),
        post("가", "tags: [새]\n"),
    )
    .unwrap();
    build(&root, &[]).assert_ok();
    assert_eq!(
        fs::read_to_string(outside.join("a/index.html")).unwrap(),
        "outside"
    );
    assert_eq!(
        fs::read_to_string(outside.join("robots.txt")).unwrap(),
        "outside"
    );
    assert!(fs::symlink_metadata(public.join("2024")).unwrap().is_dir());
    assert!(
        fs::symlink_metadata(public.join("robots.txt"))
            .unwrap()
            .is_file()
    );
    assert!(
        fs::read_to_string(public.join("2024/a/index.html"))
            .unwrap()
            .contains("가 본문")
    );
}

#[cfg(unix)]
#[test]
fn a_robots_txt_linked_from_outside_is_not_the_sites_own() {
    // A `robots.txt` of the site's own replaces hoego's; one that is a link to a file
    // outside the site is not followed, so hoego writes its own and no byte of the target
    // is published.
    let tmp = tempfile::tempdir().unwrap();
    let root = site_in(tmp.path());
    let secret = tmp.path().join("secret.txt");
    fs::write(&secret, "PRIVATE KEY").unwrap();
    fs::create_dir_all(root.join("static")).unwrap();
    std::os::unix::fs::symlink(&secret, root.join("static/robots.txt")).unwrap();
    build(&root, &["--output", "out"]).assert_ok();
    let written = list_files(&root.join("out"));
    let robots = String::from_utf8_lossy(&written["robots.txt"]).into_owned();
    assert!(robots.contains("Sitemap: "), "{robots}");
    assert_key_not_published(&written);
}

#[cfg(unix)]
#[test]
fn a_jekyll_sites_top_level_links_are_never_published() {
    // Jekyll publishes the files at a site's top; links among them that point outside
    // (a key, a page) are not followed, and a top-level file name is all an output gets.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("blog");
    let secret = tmp.path().join("secret");
    fs::create_dir_all(root.join("_posts")).unwrap();
    fs::create_dir_all(&secret).unwrap();
    fs::write(root.join("_config.yml"), "title: 블로그\n").unwrap();
    fs::write(root.join("_posts/2024-02-01-a.md"), post("가", "")).unwrap();
    fs::write(root.join("ads.txt"), "google.com, pub-1, DIRECT\n").unwrap();
    fs::write(secret.join("id_rsa"), "PRIVATE KEY").unwrap();
    fs::write(
        secret.join("about.md"),
        post("밖의 쪽", "permalink: /about/\n"),
    )
    .unwrap();
    std::os::unix::fs::symlink(secret.join("id_rsa"), root.join("key.txt")).unwrap();
    std::os::unix::fs::symlink(secret.join("about.md"), root.join("about.md")).unwrap();
    build(&root, &["--output", "out"]).assert_ok();
    let written = list_files(&root.join("out"));
    assert!(written.contains_key("ads.txt"), "{:?}", written.keys());
    assert!(!written.contains_key("key.txt"), "{:?}", written.keys());
    assert!(
        !written.contains_key("about/index.html"),
        "{:?}",
        written.keys()
    );
    assert_key_not_published(&written);
}

#[cfg(unix)]
#[test]
fn links_in_the_sources_that_point_outside_are_skipped_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site_in(tmp.path());
    let secret = tmp.path().join("secret");
    fs::create_dir_all(&secret).unwrap();
    fs::write(secret.join("id_rsa"), "PRIVATE KEY").unwrap();
    fs::write(secret.join("2024-01-01-leak.md"), post("유출", "")).unwrap();
    std::os::unix::fs::symlink(secret.join("id_rsa"), root.join("content/key.txt")).unwrap();
    std::os::unix::fs::symlink(&secret, root.join("content/posts/linked")).unwrap();
    // A link that stays inside the site is followed.
    fs::create_dir_all(root.join("content/files")).unwrap();
    fs::write(root.join("content/files/a.txt"), "inside").unwrap();
    std::os::unix::fs::symlink(root.join("content/files/a.txt"), root.join("content/b.txt"))
        .unwrap();
    let run = build(&root, &[]);
    run.assert_ok();
    let err = run.stderr();
    assert!(
        err.contains("content/key.txt") && err.contains("outside the site"),
        "{err}"
    );
    assert!(err.contains("content/posts/linked"), "{err}");
    let public = list_files(&root.join("public"));
    assert!(!public.contains_key("key.txt"));
    assert_key_not_published(&public);
    assert!(!public.contains_key("2024/leak/index.html"));
    assert_eq!(public["b.txt"], b"inside");
}

/// A tmpfs mounted as the output folder, and one mounted inside it: a rename into the folder
/// never crosses file systems, and one that would is done by copying.
#[test]
fn an_output_folder_that_is_a_mount_point_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site_in(tmp.path());
    let public = root.join("public");
    fs::create_dir_all(&public).unwrap();
    let Some(_outer) = Mount::tmpfs(&public) else {
        return;
    };
    build(&root, &[]).assert_ok();
    fs::create_dir_all(public.join("css")).unwrap();
    let Some(_inner) = Mount::tmpfs(&public.join("css")) else {
        return;
    };
    fs::write(root.join("content/posts/2024-02-02-b.md"), post("나", "")).unwrap();
    let run = build(&root, &[]);
    run.assert_ok();
    build(&root, &["--output", "fresh"]).assert_ok();
    assert_eq!(list_files(&public), list_files(&root.join("fresh")));
}

/// A tmpfs mount, unmounted when dropped; `None` (and one printed line) where the machine
/// does not allow mounting.
struct Mount(std::path::PathBuf);

impl Mount {
    fn tmpfs(at: &Path) -> Option<Mount> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)");
            return None;
        }
        Some(Mount(at.to_path_buf()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// SIGKILL at many moments of a large rebuild — while rendering, and while moving files in
/// — and the next build always ends with exactly what a build into an empty folder makes,
/// with nothing of hoego's left behind.
#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_is_finished_by_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site_in(tmp.path());
    // Every round edits every post and deletes a few: after a kill, the next build must
    // still know which pages are hoego's to delete.
    let write_posts = |round: usize| {
        for n in 0..500 {
            let path = root.join(format!("content/posts/2024-03-01-p{n:04}.md"));
            if n >= 500 - round * 5 {
                let _ = fs::remove_file(path);
                continue;
            }
            let text = format!(
                "---\ntitle: 글 {n}\ntags: [t{}]\n---\n{round}번째 고침, 글 {n}.\n",
                n % 7
            );
            fs::write(path, text).unwrap();
        }
    };
    write_posts(0);
    let started = std::time::Instant::now();
    build(&root, &[]).assert_ok();
    let full = started.elapsed();
    let journal = root.join("public/.hoego-journal.json");
    let mut seed: u64 = 0x5eed;
    let mut moving_in = 0;
    for round in 1..=6 {
        write_posts(round);
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (seed >> 33) as f64 / (1u64 << 31) as f64;
        let mut child = hoego()
            .arg("build")
            .current_dir(&root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        if round % 2 == 1 {
            // Anywhere in the build.
            std::thread::sleep(full.mul_f64(0.2 + r));
        } else {
            // While files are moved in: the journal is written just before.
            while !journal.exists() && child.try_wait().unwrap().is_none() {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            std::thread::sleep(std::time::Duration::from_micros((r * 3000.0) as u64));
        }
        let _ = child.kill();
        let _ = child.wait();
        if journal.exists() {
            moving_in += 1;
        }
        let mut beside: Vec<_> = fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        beside.sort();
        assert_eq!(
            beside,
            ["config.toml", "content", "public"],
            "round {round}"
        );
        build(&root, &[]).assert_ok();
        let hoego_files: Vec<_> = fs::read_dir(root.join("public"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".hoego-") && n != ".hoego-manifest.json")
            .collect();
        assert!(hoego_files.is_empty(), "round {round}: {hoego_files:?}");
        let fresh = tmp.path().join(format!("fresh-{round}"));
        build(&root, &["--output", fresh.to_str().unwrap()]).assert_ok();
        let (a, b) = (list_files(&root.join("public")), list_files(&fresh));
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            b.keys().collect::<Vec<_>>(),
            "round {round}"
        );
        assert!(a == b, "round {round}: contents differ from a fresh build");
        fs::remove_dir_all(&fresh).unwrap();
    }
    assert!(moving_in > 0, "no kill landed while files were moved in");
    eprintln!("{moving_in} of 6 kills landed while files were moved in");
}

#[test]
fn a_second_hoego_may_not_write_a_folder_being_served() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site_in(tmp.path());
    let server = Server::start(&root, &["--watch"]);
    let run = build(&root, &[]);
    run.assert_failed();
    assert!(run.stderr().contains("another hoego"), "{}", run.stderr());
    drop(server);
    build(&root, &[]).assert_ok();
}

/// A `collections_dir` outside the site, by `..` or through a link, is not read: none of
/// the posts there are published.
#[cfg(unix)]
#[test]
fn a_collections_dir_outside_the_site_is_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("blog");
    let outside = tmp.path().join("outside");
    fs::create_dir_all(root.join("_posts")).unwrap();
    fs::create_dir_all(outside.join("_posts")).unwrap();
    fs::write(
        outside.join("_posts/2024-03-01-secret.md"),
        post("밖의 글", ""),
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, root.join("cols")).unwrap();
    for dir in ["../outside", "cols", "/tmp"] {
        fs::write(
            root.join("_config.yml"),
            format!("title: 블로그\ncollections_dir: \"{dir}\"\n"),
        )
        .unwrap();
        let run = build(&root, &["--output", "out"]);
        run.assert_ok();
        let written = list_files(&root.join("out"));
        assert!(
            !written.keys().any(|k| k.contains("secret")),
            "{dir}: {:?}",
            written.keys()
        );
    }
}

#[test]
fn a_paginate_path_outside_the_site_gets_no_redirect() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    fs::create_dir_all(root.join("_posts")).unwrap();
    for i in 1..=3 {
        fs::write(
            root.join(format!("_posts/2024-02-0{i}-p{i}.md")),
            post(&format!("글{i}"), ""),
        )
        .unwrap();
    }
    for (paginate_path, inside) in [
        ("/../../escaped/page:num/", None),
        ("../page:num", None),
        ("/.git/page:num/", None),
        ("/blog/../old/page:num/", Some("old/page2/index.html")),
    ] {
        fs::write(
            root.join("_config.yml"),
            format!("title: t\npaginate: 1\npaginate_path: \"{paginate_path}\"\n"),
        )
        .unwrap();
        build(&root, &["--clean"]).assert_ok();
        let files = list_files(&root.join("public"));
        let redirects: Vec<&String> = files
            .iter()
            .filter(|(_, b)| b.windows(11).any(|w| w == b"Redirecting"))
            .map(|(p, _)| p)
            .collect();
        match inside {
            None => assert!(redirects.is_empty(), "{paginate_path}: {redirects:?}"),
            Some(p) => assert!(redirects.iter().any(|r| *r == p), "{redirects:?}"),
        }
        let mut beside: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        beside.sort();
        assert_eq!(beside, ["site"], "{paginate_path}");
        assert!(!root.join(".git").exists(), "{paginate_path}");
    }
}

/// A Jekyll site publishes every folder at its top: a linked folder, or a link inside a
/// folder, that leads out of the site publishes nothing from outside.
#[test]
fn a_jekyll_sites_folders_publish_nothing_from_outside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    fs::create_dir_all(root.join("_posts")).unwrap();
    fs::write(root.join("_config.yml"), "title: j\n").unwrap();
    fs::write(root.join("_posts/2024-01-01-a.md"), post("글", "")).unwrap();
    let secret = tmp.path().join("secret");
    fs::create_dir_all(&secret).unwrap();
    fs::write(secret.join("id_rsa"), "PRIVATE KEY").unwrap();
    std::os::unix::fs::symlink(&secret, root.join("media")).unwrap();
    fs::create_dir_all(root.join("docs")).unwrap();
    fs::write(root.join("docs/guide.txt"), "inside").unwrap();
    std::os::unix::fs::symlink(secret.join("id_rsa"), root.join("docs/key.txt")).unwrap();
    let run = build(&root, &[]);
    run.assert_ok();
    let err = run.stderr();
    assert!(
        err.contains("docs/key.txt") && err.contains("outside the site"),
        "{err}"
    );
    let public = list_files(&root.join("public"));
    assert_key_not_published(&public);
    assert!(!public.keys().any(|k| k.starts_with("media")), "{public:?}");
    assert_eq!(public["docs/guide.txt"], b"inside");
}
