//! Publishing: `hoego init`, `hoego new`, `hoego check`, the GitHub Pages workflow, and a
//! site served under a project-page path.

mod common;

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

use common::*;
use hoego::content::slug::decode_path;
use scraper::{Html, Selector};

/// Today in Seoul, as `hoego init` and `hoego new` name files.
fn today_in_seoul() -> String {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Seoul").unwrap())
        .strftime("%Y-%m-%d")
        .to_string()
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run {
        output: hoego()
            .args(args)
            .current_dir(dir)
            .output()
            .expect("run hoego"),
    }
}

// ---------------------------------------------------------------------------------------
// hoego init

#[test]
fn init_creates_a_site_that_builds_and_checks_clean() {
    let tmp = TestSite::new();
    let run = tmp.run(&["init", "my-blog"]);
    run.assert_ok();
    let site = tmp.root().join("my-blog");
    let post = format!("content/posts/{}-첫-글을-쓰며.md", today_in_seoul());
    for rel in [
        "config.toml",
        post.as_str(),
        "content/about.md",
        ".gitignore",
        ".github/workflows/pages.yml",
    ] {
        assert!(site.join(rel).is_file(), "{rel} missing");
        assert!(
            run.stdout().contains(&format!("created my-blog/{rel}")),
            "stdout does not name {rel}:\n{}",
            run.stdout()
        );
    }
    let config = std::fs::read_to_string(site.join("config.toml")).unwrap();
    for key in [
        "title =",
        "author =",
        "language = \"ko\"",
        "timezone = \"Asia/Seoul\"",
        "base_url =",
        "permalink =",
        "# ",
    ] {
        assert!(config.contains(key), "config.toml lacks `{key}`:\n{config}");
    }
    let ignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l.trim() == "public/"), "{ignore}");
    let first = std::fs::read_to_string(site.join(&post)).unwrap();
    assert!(
        first.starts_with("---\ntitle: \"첫 글을 쓰며\"\ndate: "),
        "{first}"
    );
    assert!(first.contains(" +0900\n"), "{first}");

    // Builds and checks with no edits, also as a project page.
    run_in(&site, &["build"]).assert_ok();
    assert!(site.join("public/.nojekyll").is_file());
    run_in(&site, &["check"]).assert_ok();
    let check = run_in(
        &site,
        &["check", "--base-url", "https://someone.github.io/my-blog/"],
    );
    check.assert_ok();
    assert!(
        check.stdout().contains("no broken links"),
        "{}",
        check.stdout()
    );

    // A second init refuses, names every file, and writes nothing.
    std::fs::write(site.join("config.toml"), "title = \"고친 제목\"\n").unwrap();
    let before = list_files(&site);
    let again = tmp.run(&["init", "my-blog"]);
    again.assert_failed();
    for rel in ["config.toml", post.as_str(), ".github/workflows/pages.yml"] {
        assert!(
            again.stderr().contains(&format!("my-blog/{rel}")),
            "error does not name {rel}:\n{}",
            again.stderr()
        );
    }
    assert!(again.stderr().contains("--force"), "{}", again.stderr());
    assert_eq!(list_files(&site), before, "a refused init changed files");

    // --force overwrites.
    tmp.run(&["init", "my-blog", "--force"]).assert_ok();
    let config = std::fs::read_to_string(site.join("config.toml")).unwrap();
    assert!(config.contains("timezone = \"Asia/Seoul\""), "{config}");
}

#[test]
fn init_writes_the_url_it_is_given_as_base_url() {
    let tmp = TestSite::new();
    let run = tmp.run(&[
        "init",
        "my-blog",
        "--url",
        "https://Someone.github.io/my-blog",
    ]);
    run.assert_ok();
    let site = tmp.root().join("my-blog");
    let config = std::fs::read_to_string(site.join("config.toml")).unwrap();
    assert!(
        config.contains("\nbase_url = \"https://someone.github.io/my-blog/\"\n"),
        "{config}"
    );
    assert!(
        !run.stdout().contains("base_url is \"/\""),
        "{}",
        run.stdout()
    );
    // Absolute links, and no warning about relative ones.
    let build = run_in(&site, &["build"]);
    build.assert_ok();
    assert!(
        !build.stderr().contains("has no host"),
        "{}",
        build.stderr()
    );
    let sitemap = std::fs::read_to_string(site.join("public/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://someone.github.io/my-blog/</loc>"),
        "{sitemap}"
    );
    run_in(&site, &["check"]).assert_ok();

    // A bad address is refused before anything is written.
    let bad = tmp.run(&["init", "other", "--url", "someone.github.io/blog"]);
    bad.assert_failed();
    assert!(bad.stderr().contains("--url"), "{}", bad.stderr());
    assert!(!tmp.root().join("other").exists());
}

#[test]
fn init_without_a_terminal_or_url_keeps_base_url_slash_and_says_so() {
    // The tests' standard input is not a terminal: nothing is asked.
    let tmp = TestSite::new();
    let run = tmp.run(&["init", "my-blog"]);
    run.assert_ok();
    let config = std::fs::read_to_string(tmp.root().join("my-blog/config.toml")).unwrap();
    assert!(config.contains("\nbase_url = \"/\"\n"), "{config}");
    assert!(
        run.stdout().contains("base_url is \"/\"") && run.stdout().contains("--url"),
        "{}",
        run.stdout()
    );
    assert!(!run.stderr().contains("Site address"), "{}", run.stderr());
}

#[test]
fn init_into_the_current_folder_refuses_an_existing_config() {
    let site = TestSite::with_config("title = \"있던 사이트\"\n");
    let run = site.run(&["init"]);
    run.assert_failed();
    assert!(run.stderr().contains("config.toml"), "{}", run.stderr());
    assert!(
        !site.root().join(".gitignore").exists(),
        "nothing may be written"
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("config.toml")).unwrap(),
        "title = \"있던 사이트\"\n"
    );
}

// ---------------------------------------------------------------------------------------
// The GitHub Pages workflow

/// The workflow `hoego init` writes, as text and as YAML.
fn init_workflow() -> (TestSite, String, serde_json::Value) {
    let site = TestSite::new();
    site.run(&["init"]).assert_ok();
    let text = std::fs::read_to_string(site.root().join(".github/workflows/pages.yml")).unwrap();
    let w: serde_json::Value = serde_saphyr::from_str(&text).expect("workflow is YAML");
    (site, text, w)
}

/// The step of a job with this name.
#[track_caller]
fn step<'a>(w: &'a serde_json::Value, job: &str, name: &str) -> &'a serde_json::Value {
    w["jobs"][job]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no step `{name}` in job {job}"))
}

/// The step of a job that uses this action (`owner/name@`).
#[track_caller]
fn uses<'a>(w: &'a serde_json::Value, job: &str, action: &str) -> &'a serde_json::Value {
    w["jobs"][job]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(action)))
        .unwrap_or_else(|| panic!("{action} missing in job {job}"))
}

#[test]
fn the_pages_workflow_deploys_with_the_official_actions_and_a_pinned_hoego() {
    let (site, text, w) = init_workflow();

    assert!(w["on"]["push"]["branches"][0] == "main", "{}", w["on"]);
    assert!(
        w["on"].get("workflow_dispatch").is_some(),
        "runs from the Actions tab too"
    );
    assert_eq!(w["permissions"]["contents"], "read");
    assert_eq!(w["permissions"]["pages"], "write");
    assert_eq!(w["permissions"]["id-token"], "write");
    assert_eq!(w["concurrency"]["group"], "pages");
    assert_eq!(w["env"]["HOEGO_VERSION"], env!("CARGO_PKG_VERSION"));
    assert_eq!(w["env"]["HOEGO_REPOSITORY"], env!("CARGO_PKG_REPOSITORY"));

    assert_eq!(step(&w, "build", "Configure GitHub Pages")["id"], "pages");
    uses(&w, "build", "actions/checkout@");
    assert!(
        uses(&w, "build", "actions/configure-pages@")["id"] == "pages",
        "the build reads its base_url output"
    );

    // The binary: cached per version, else downloaded (or compiled), then on PATH.
    let bin_cache = step(&w, "build", "Restore hoego from the cache");
    assert_eq!(bin_cache["with"]["path"], "~/.hoego/bin");
    assert!(
        bin_cache["with"]["key"]
            .as_str()
            .unwrap()
            .contains("${{ env.HOEGO_VERSION }}")
    );
    let install = step(&w, "build", "Install hoego");
    assert_eq!(
        install["if"],
        format!(
            "steps.{}.outputs.cache-hit != 'true'",
            bin_cache["id"].as_str().unwrap()
        )
    );
    let script = install["run"].as_str().unwrap();
    for part in [
        "$HOEGO_REPOSITORY/releases/download/v$HOEGO_VERSION/$archive",
        "archive=\"hoego-$target.tar.gz\"",
        "sha256sum -c \"$archive.sha256\"",
        "cargo install --locked --git \"$HOEGO_REPOSITORY\" --tag \"v$HOEGO_VERSION\"",
    ] {
        assert!(script.contains(part), "`{part}` missing:\n{script}");
    }

    // hoego's cache folder is kept between runs, so CI builds are rebuilds.
    let cache = step(&w, "build", "Restore hoego's cache folder");
    assert_eq!(cache["with"]["path"], "~/.cache/hoego");
    assert!(
        step(&w, "build", "Put hoego on PATH")["run"]
            .as_str()
            .unwrap()
            .contains("HOEGO_CACHE_DIR=$HOME/.cache/hoego")
    );
    assert!(
        cache["with"]["key"]
            .as_str()
            .unwrap()
            .ends_with("-${{ github.run_id }}")
    );
    assert!(cache["with"]["restore-keys"].is_string());

    // Build, check, then upload without hoego's bookkeeping files.
    let names: Vec<&str> = w["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    let order = [
        "Install hoego",
        "Restore hoego's cache folder",
        "Build",
        "Check links",
        "Leave out hoego's bookkeeping files",
        "Upload the site",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|n| names.iter().position(|m| m == n).unwrap())
        .collect();
    assert!(at.is_sorted(), "steps out of order: {names:?}");
    let base = "--base-url \"${{ steps.pages.outputs.base_url }}/\"";
    assert_eq!(
        step(&w, "build", "Build")["run"],
        format!("hoego build {base}")
    );
    assert_eq!(
        step(&w, "build", "Check links")["run"],
        format!("hoego check {base}")
    );
    assert_eq!(
        step(&w, "build", "Leave out hoego's bookkeeping files")["run"],
        "rm -rf public/.hoego-*"
    );
    let upload = uses(&w, "build", "actions/upload-pages-artifact@");
    assert_eq!(upload["with"]["path"], "public");
    assert_eq!(upload["with"]["include-hidden-files"], true);

    let deploy = &w["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert_eq!(
        deploy["environment"]["url"],
        "${{ steps.deployment.outputs.page_url }}"
    );
    let step = &deploy["steps"][0];
    assert_eq!(step["id"], "deployment");
    assert!(
        step["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/deploy-pages@")
    );
    assert!(!text.contains("{{HOEGO"), "unreplaced placeholder:\n{text}");

    actionlint(
        site.root(),
        &site.root().join(".github/workflows/pages.yml"),
    );
}

/// The targets release.yml builds, in its order.
fn release_targets() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join(".github/workflows/release.yml")).unwrap();
    let w: serde_json::Value = serde_saphyr::from_str(&text).expect("release.yml is YAML");
    w["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["target"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_release_builds_every_binary_the_pages_workflow_downloads() {
    let targets = release_targets();
    for t in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.iter().any(|x| x == t), "{t} missing: {targets:?}");
    }
    let release =
        std::fs::read_to_string(repo_root().join(".github/workflows/release.yml")).unwrap();
    for part in [
        "name=\"hoego-$TARGET\"",
        "tar -czf \"../$name.tar.gz\" \"$name\"",
        "7z a -tzip -bd \"../$name.zip\" \"$name\"",
        "sha256sum \"$archive\" > \"$archive.sha256\"",
        "cat ./*.sha256 > SHA256SUMS",
    ] {
        assert!(release.contains(part), "`{part}` missing from release.yml");
    }
    let (_site, _, w) = init_workflow();
    let script = step(&w, "build", "Install hoego")["run"].as_str().unwrap();
    let mapped: Vec<&str> = script
        .lines()
        .filter_map(|l| l.split_once(") target=")?.1.strip_suffix(" ;;"))
        .filter(|t| !t.is_empty() && *t != "\"\"")
        .collect();
    assert_eq!(mapped.len(), 4, "{script}");
    for t in mapped {
        assert!(
            targets.iter().any(|x| x == t),
            "{t} is not released: {targets:?}"
        );
    }
}

#[test]
fn this_repository_publishes_its_example_blog_like_an_init_site() {
    let path = repo_root().join(".github/workflows/pages.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let ours: serde_json::Value = serde_saphyr::from_str(&text).expect("pages.yml is YAML");
    let (_site, _, init) = init_workflow();
    for key in ["on", "permissions", "concurrency"] {
        assert_eq!(ours[key], init[key], "{key}");
    }
    assert_eq!(ours["jobs"]["deploy"], init["jobs"]["deploy"]);
    // Built by the hoego of the commit, then the same steps as a site made by `hoego init`.
    assert!(
        step(&ours, "build", "Build hoego")["run"]
            .as_str()
            .unwrap()
            .contains("cargo build --release --locked")
    );
    for name in [
        "Configure GitHub Pages",
        "Build",
        "Check links",
        "Leave out hoego's bookkeeping files",
    ] {
        assert_eq!(
            step(&ours, "build", name),
            step(&init, "build", name),
            "{name}"
        );
    }
    assert_eq!(
        step(&ours, "build", "Restore hoego's cache folder")["with"]["path"],
        "~/.cache/hoego"
    );
    assert_eq!(
        uses(&ours, "build", "actions/upload-pages-artifact@")["with"]["path"],
        "public"
    );
}

#[test]
fn this_repositorys_workflows_pass_actionlint() {
    let dir = repo_root().join(".github/workflows");
    let mut workflows: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    workflows.sort();
    let names: Vec<String> = workflows
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["pages.yml", "release.yml"]);
    if !require_tool("actionlint") {
        return;
    }
    for workflow in &workflows {
        actionlint(&repo_root(), workflow);
    }
}

/// Runs the Pages workflow's install steps with bash as a runner would, against a release
/// served from this machine: download, checksum, fallback to `cargo install`.
#[test]
fn the_pages_workflow_installs_the_release_binary_and_checks_its_sum() {
    if !["bash", "curl", "tar", "sha256sum"]
        .iter()
        .all(|t| require_tool(t))
    {
        return;
    }
    let (_site, _, w) = init_workflow();
    let install = step(&w, "build", "Install hoego")["run"]
        .as_str()
        .unwrap()
        .to_string();
    let on_path = step(&w, "build", "Put hoego on PATH")["run"]
        .as_str()
        .unwrap()
        .to_string();
    let version = env!("CARGO_PKG_VERSION");

    // A release with the x86_64 Linux archive only, laid out as release.yml makes it.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let assets = root.join(format!("www/hoego/hoego/releases/download/v{version}"));
    let name = "hoego-x86_64-unknown-linux-musl";
    std::fs::create_dir_all(root.join("stage").join(name)).unwrap();
    std::fs::create_dir_all(&assets).unwrap();
    let fake = root.join("stage").join(name).join("hoego");
    std::fs::write(&fake, "#!/bin/sh\necho \"hoego from the release $*\"\n").unwrap();
    let sh = |cmd: &str, dir: &Path| {
        let out = std::process::Command::new("bash")
            .args(["-c", cmd])
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{cmd}: {out:?}");
    };
    sh("chmod +x */hoego", &root.join("stage"));
    sh(
        &format!("tar -czf {}/{name}.tar.gz {name}", assets.display()),
        &root.join("stage"),
    );
    sh(
        &format!("sha256sum {name}.tar.gz > {name}.tar.gz.sha256"),
        &assets,
    );
    let server = StaticServer::start(root.join("www"));

    // `cargo` that only says how it was called, and installs a stand-in.
    let stub = root.join("stub");
    std::fs::create_dir_all(&stub).unwrap();
    std::fs::write(
        stub.join("cargo"),
        "#!/bin/sh\necho \"$*\" > \"$HOME/cargo-args\"\nmkdir -p \"$HOME/.hoego/bin\"\n\
         printf '#!/bin/sh\\necho compiled\\n' > \"$HOME/.hoego/bin/hoego\"\n\
         chmod +x \"$HOME/.hoego/bin/hoego\"\n",
    )
    .unwrap();
    sh("chmod +x cargo", &stub);
    let path = format!(
        "{}:{}",
        stub.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let runner = |case: &str, os: &str, arch: &str, script: &str| {
        let home = root.join(case).join("home");
        let temp = root.join(case).join("temp");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&temp).unwrap();
        std::process::Command::new("bash")
            .args(["-e", "-c", script])
            .env("PATH", &path)
            .env("HOME", &home)
            .env("RUNNER_TEMP", &temp)
            .env("RUNNER_OS", os)
            .env("RUNNER_ARCH", arch)
            .env("HOEGO_VERSION", version)
            .env(
                "HOEGO_REPOSITORY",
                format!("http://{}/blog/hoego/hoego", server.addr),
            )
            .env("GITHUB_PATH", root.join(case).join("github_path"))
            .env("GITHUB_ENV", root.join(case).join("github_env"))
            .current_dir(root)
            .output()
            .unwrap()
    };
    let text = |out: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };

    // The release has a binary for this runner: downloaded, checked, installed.
    let out = runner("linux", "Linux", "X64", &install);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains(": OK"),
        "sha256sum -c ran: {}",
        text(&out)
    );
    let home = root.join("linux/home");
    assert!(!home.join("cargo-args").exists(), "nothing compiled");
    let out = runner("linux", "Linux", "X64", &on_path);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("hoego from the release --version"),
        "{}",
        text(&out)
    );
    let github_path = std::fs::read_to_string(root.join("linux/github_path")).unwrap();
    assert_eq!(
        github_path.trim(),
        home.join(".hoego/bin").display().to_string()
    );
    let github_env = std::fs::read_to_string(root.join("linux/github_env")).unwrap();
    assert_eq!(
        github_env.trim(),
        format!("HOEGO_CACHE_DIR={}", home.join(".cache/hoego").display())
    );

    // No binary for this runner (HTTP 404): compiled from the release's tag.
    for (case, os, arch) in [("arm", "Linux", "ARM64"), ("windows", "Windows", "X64")] {
        let out = runner(case, os, arch, &install);
        assert!(out.status.success(), "{}", text(&out));
        let args = std::fs::read_to_string(root.join(case).join("home/cargo-args")).unwrap();
        assert_eq!(
            args.trim(),
            format!(
                "install --locked --git http://{}/blog/hoego/hoego --tag v{version} --root {} hoego",
                server.addr,
                root.join(case).join("home/.hoego").display()
            )
        );
    }

    // An archive that does not match its sum is not installed.
    let archive = assets.join(format!("{name}.tar.gz"));
    let mut bytes = std::fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&archive, bytes).unwrap();
    let out = runner("tampered", "Linux", "X64", &install);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("FAILED"), "{}", text(&out));
    assert!(!root.join("tampered/home/.hoego/bin/hoego").exists());
    assert!(!root.join("tampered/home/cargo-args").exists());
}

/// Runs actionlint (installed by `.ci/setup`) on a workflow file; skipped without it, except
/// under CI=true (see `require`).
fn actionlint(dir: &Path, workflow: &Path) {
    if !require_tool("actionlint") {
        return;
    }
    let out = std::process::Command::new("actionlint")
        .arg(workflow)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run actionlint: {e}"));
    assert!(
        out.status.success(),
        "actionlint found problems in {}:\n{}{}",
        workflow.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------
// Releases

#[test]
fn version_names_the_release_and_the_commit() {
    let out = hoego().arg("--version").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.trim_end();
    let release = format!("hoego {}", env!("CARGO_PKG_VERSION"));
    if !repo_root().join(".git").exists() {
        // Built from the crate package: no commit to name.
        assert_eq!(line, release);
        return;
    }
    // `hoego 0.1.0 (abc1234 2026-11-27)`
    let inner = line
        .strip_prefix(&format!("{release} ("))
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or_else(|| panic!("`{line}` does not name the commit"));
    let (commit, date) = inner.split_once(' ').unwrap();
    assert!(
        commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit()),
        "{line}"
    );
    assert!(
        jiff::civil::Date::strptime("%Y-%m-%d", date).is_ok(),
        "{line}"
    );
}

// ---------------------------------------------------------------------------------------
// .nojekyll and CNAME

#[test]
fn the_build_writes_nojekyll_and_cname() {
    let site = TestSite::with_config("title = \"t\"\ncname = \"blog.example.com\"\n");
    site.write("content/about.md", "# 소개\n");
    site.build(&[]).assert_ok();
    assert!(site.public(".nojekyll").is_file());
    assert_eq!(site.read("CNAME"), "blog.example.com\n");

    let plain = TestSite::with_config("title = \"t\"\n");
    plain.write("content/about.md", "# 소개\n");
    plain.build(&[]).assert_ok();
    assert!(plain.public(".nojekyll").is_file());
    assert!(!plain.public("CNAME").exists());
}

// ---------------------------------------------------------------------------------------
// hoego new

#[test]
fn new_creates_a_dated_post_with_front_matter() {
    let site = TestSite::with_config("title = \"t\"\ntimezone = \"Asia/Seoul\"\n");
    let run = site.run(&["new", "2024년 회고", "--date", "2024-12-31"]);
    run.assert_ok();
    let rel = "content/posts/2024-12-31-2024년-회고.md";
    assert!(run.stdout().contains(rel), "{}", run.stdout());
    let path = site.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "---\ntitle: \"2024년 회고\"\ndate: 2024-12-31 00:00:00 +0900\ntags: []\n---\n\n"
    );

    // A second call refuses and leaves the file alone.
    std::fs::write(&path, format!("{text}이미 쓴 글\n")).unwrap();
    let again = site.run(&["new", "2024년 회고", "--date", "2024-12-31"]);
    again.assert_failed();
    assert!(
        again.stderr().contains("already exists"),
        "{}",
        again.stderr()
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .ends_with("이미 쓴 글\n")
    );

    // --draft; a title YAML would misread without quotes.
    site.run(&["new", "쓰는 중", "--date", "2024-12-30", "--draft"])
        .assert_ok();
    let draft =
        std::fs::read_to_string(site.root().join("content/posts/2024-12-30-쓰는-중.md")).unwrap();
    assert!(draft.contains("\ndraft: true\n"), "{draft}");
    let tricky = "따옴표 \"인용\": 그리고 #해시 - [목록]";
    site.run(&["new", tricky, "--date", "2024-06-01"])
        .assert_ok();

    // The posts build, the draft only with --drafts.
    site.build(&[]).assert_ok();
    let html = site.read("2024/2024년-회고/index.html");
    assert!(html.contains("2024년 회고"));
    assert!(!site.public("2024/쓰는-중/index.html").exists());
    let doc = site.html("2024/따옴표-인용-그리고-해시-목록/index.html");
    let h1: Vec<String> = select(&doc, "h1").iter().map(common::text).collect();
    assert!(h1.iter().any(|t| t.trim() == tricky), "{h1:?}");
    site.build(&["--drafts"]).assert_ok();
    assert!(site.public("2024/쓰는-중/index.html").exists());
}

#[test]
fn new_uses_the_site_time_zone_and_today() {
    let site = TestSite::with_config("title = \"t\"\ntimezone = \"America/New_York\"\n");
    site.run(&["new", "Independence Day", "--date", "2024-07-04"])
        .assert_ok();
    let text = std::fs::read_to_string(
        site.root()
            .join("content/posts/2024-07-04-independence-day.md"),
    )
    .unwrap();
    assert!(
        text.contains("\ndate: 2024-07-04 00:00:00 -0400\n"),
        "{text}"
    );

    // Without --date: today, now, in the site's zone.
    let seoul = TestSite::new();
    seoul.run(&["new", "오늘의 글"]).assert_ok();
    let day = today_in_seoul();
    let path = seoul
        .root()
        .join(format!("content/posts/{day}-오늘의-글.md"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e}", path.display());
    });
    assert!(text.contains(&format!("\ndate: {day} ")), "{text}");
    assert!(text.contains(" +0900\n"), "{text}");
    seoul.build(&[]).assert_ok();

    let bad = TestSite::new();
    let run = bad.run(&["new", "x", "--date", "2024-02-30"]);
    run.assert_failed();
    assert!(run.stderr().contains("YYYY-MM-DD"), "{}", run.stderr());
}

// ---------------------------------------------------------------------------------------
// A project page: built for https://example.github.io/blog/ and served under /blog/

/// A static file server like GitHub Pages: files of `dir` under `/blog/`, a folder's
/// index.html, `/blog/x` → 301 `/blog/x/` for folders, 404 otherwise.
struct StaticServer {
    addr: String,
}

impl StaticServer {
    fn start(dir: PathBuf) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = serve_one(&dir, stream);
            }
        });
        StaticServer { addr }
    }
}

fn serve_one(dir: &Path, mut stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("");
    let decoded = decode_path(path);
    let (status, location, body) = match decoded.strip_prefix("/blog/") {
        Some(rel) if !rel.split('/').any(|s| s == "..") => {
            let file = dir.join(rel);
            if file.is_dir() && !rel.is_empty() && !rel.ends_with('/') {
                (
                    "301 Moved Permanently",
                    Some(format!("{path}/")),
                    Vec::new(),
                )
            } else {
                let file = if file.is_dir() {
                    file.join("index.html")
                } else {
                    file
                };
                match std::fs::read(&file) {
                    Ok(b) => ("200 OK", None, b),
                    Err(_) => ("404 Not Found", None, b"not found".to_vec()),
                }
            }
        }
        _ => ("404 Not Found", None, b"not found".to_vec()),
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(l) = location {
        head.push_str(&format!("Location: {l}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)?;
    stream.flush()
}

/// Resolves `href` found on the page at `page_path` (both percent-encoded URL paths) to a
/// path on the site's host, or `None` for other hosts and schemes.
fn resolve_href(
    page_path: &str,
    href: &str,
    site_origin: &str,
) -> Option<(String, Option<String>)> {
    let (before, fragment) = match href.split_once('#') {
        Some((b, f)) => (b, Some(f.to_string())),
        None => (href, None),
    };
    let path = if before.is_empty() {
        page_path.to_string()
    } else if let Some(rest) = before.strip_prefix(site_origin) {
        rest.to_string()
    } else if before.contains("://") || before.starts_with("//") || before.contains(':') {
        return None;
    } else if before.starts_with('/') {
        before.to_string()
    } else {
        let dir = &page_path[..=page_path.rfind('/').unwrap()];
        let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
        let segs: Vec<&str> = before.split('/').collect();
        for s in &segs {
            match *s {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                s => parts.push(s),
            }
        }
        let mut p = format!("/{}", parts.join("/"));
        if before.ends_with('/') && !p.ends_with('/') {
            p.push('/');
        }
        p
    };
    let path = path.split('?').next().unwrap().to_string();
    Some((path, fragment))
}

#[test]
fn the_example_blog_works_under_a_project_page_path() {
    let site = TestSite::new();
    std::fs::copy(
        repo_root().join("config.toml"),
        site.root().join("config.toml"),
    )
    .unwrap();
    copy_tree(&repo_root().join("content"), &site.root().join("content"));
    site.build(&["--base-url", "https://example.github.io/blog/"])
        .assert_ok();
    let server = StaticServer::start(site.root().join("public"));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let origin = "https://example.github.io";
    let sel = Selector::parse("a[href], link[href], img[src], script[src], source[src]").unwrap();

    let mut queue: VecDeque<String> = VecDeque::from(["/blog/".to_string()]);
    let mut status: HashMap<String, u16> = HashMap::new();
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    let mut fragments: Vec<(String, String, String)> = Vec::new(); // (from, target, fragment)
    let mut failures: Vec<String> = Vec::new();
    let mut from_of: HashMap<String, String> = HashMap::new();
    while let Some(path) = queue.pop_front() {
        if status.contains_key(&path) {
            continue;
        }
        let url = format!("http://{}{path}", server.addr);
        let mut resp = agent
            .get(&url)
            .call()
            .unwrap_or_else(|e| panic!("GET {url}: {e}"));
        let code = resp.status().as_u16();
        status.insert(path.clone(), code);
        if code != 200 {
            failures.push(format!(
                "{path} → {code} (linked from {})",
                from_of.get(&path).map(String::as_str).unwrap_or("-")
            ));
            continue;
        }
        let is_html = path.ends_with('/') || path.ends_with(".html");
        if !is_html {
            continue;
        }
        let body = resp.body_mut().read_to_string().unwrap();
        let doc = Html::parse_document(&body);
        ids.insert(
            path.clone(),
            doc.select(&Selector::parse("[id], a[name]").unwrap())
                .flat_map(|e| [e.value().attr("id"), e.value().attr("name")])
                .flatten()
                .map(str::to_string)
                .collect(),
        );
        for el in doc.select(&sel) {
            let v = el.value();
            let Some(href) = v.attr("href").or(v.attr("src")) else {
                continue;
            };
            let Some((target, fragment)) = resolve_href(&path, href, origin) else {
                continue;
            };
            assert!(
                target.starts_with("/blog/"),
                "{path}: link `{href}` leaves the project path"
            );
            if let Some(f) = fragment {
                fragments.push((path.clone(), target.clone(), f));
            }
            from_of
                .entry(target.clone())
                .or_insert_with(|| path.clone());
            queue.push_back(target);
        }
    }
    for (from, target, fragment) in &fragments {
        let f = decode_path(fragment);
        if f.is_empty() {
            continue;
        }
        match ids.get(target) {
            Some(set) if set.contains(&f) => {}
            Some(_) => failures.push(format!("{from}: #{f} not found in {target}")),
            None => {}
        }
    }
    assert!(
        failures.is_empty(),
        "broken when served:\n{}",
        failures.join("\n")
    );

    // Every page of the site was reached (404.html is served for unknown paths only).
    let reached: BTreeSet<String> = status
        .keys()
        .map(|p| {
            let d = decode_path(p);
            let rel = d.trim_start_matches("/blog/").to_string();
            if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel
            }
        })
        .collect();
    let pages: Vec<String> = list_files(&site.root().join("public"))
        .into_keys()
        .filter(|p| p.ends_with(".html") && p != "404.html")
        .filter(|p| !reached.contains(p))
        .collect();
    assert!(pages.is_empty(), "pages no link reaches: {pages:?}");
    assert!(
        reached.iter().any(|p| p.contains("회고")),
        "Hangul paths were crawled: {reached:?}"
    );
    assert!(status.len() > 20, "crawled only {} URLs", status.len());
}

// ---------------------------------------------------------------------------------------
// hoego check

const BROKEN_POST: &str = "---
title: 깨진 링크 모음
date: 2024-01-01 12:00:00 +0900
---

[없는 글](/2024/없는-글/)

![없는 그림](/images/없는-그림.png)

[나쁜 앵커](#없는-제목)

[좋은 앵커](#좋은-제목)

[다른 글의 좋은 앵커](2024-01-02-good.md#한글-제목)

[다른 글의 나쁜 앵커](/2024/good/#없는-앵커)

[있는 그림](/images/ok.svg)

<a href=\"/elsewhere/\">base 밖</a>

[밖으로](https://example.com/somewhere)

## 좋은 제목

끝.
";

const GOOD_POST: &str = "---
title: Good
date: 2024-01-02 12:00:00 +0900
---

## 한글 제목

![그림](../images/ok.svg)
";

fn broken_site() -> TestSite {
    let site =
        TestSite::with_config("title = \"t\"\nbase_url = \"https://example.github.io/blog/\"\n");
    site.write("content/posts/2024-01-01-broken.md", BROKEN_POST);
    site.write("content/posts/2024-01-02-good.md", GOOD_POST);
    site.write(
        "content/images/ok.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site
}

#[test]
fn check_reports_broken_links_images_and_anchors_with_their_source() {
    let site = broken_site();
    // A generated page with a broken link: blamed on its template.
    site.write(
        "templates/404.html",
        "<!DOCTYPE html><html><body><a href=\"/blog/nowhere/\">home</a></body></html>\n",
    );
    let run = site.run(&["check"]);
    run.assert_failed();
    assert_eq!(run.output.status.code(), Some(1), "{}", run.stderr());
    let out = run.stdout();
    // URLs as the build writes them may be percent-encoded or not: compare decoded.
    let broken: Vec<String> = out
        .lines()
        .filter(|l| l.contains(": broken link `"))
        .map(decode_path)
        .collect();
    let src = "content/posts/2024-01-01-broken.md: broken link `";
    let page = "` in 2024/broken/index.html (line";
    let expect = [
        format!("{src}/blog/2024/없는-글/{page} 6:"),
        format!("{src}/blog/images/없는-그림.png{page} 8:"),
        format!("{src}#없는-제목{page} 10:"),
        format!("{src}/blog/2024/good/#없는-앵커{page} 16:"),
        format!("{src}/elsewhere/{page} 20:"),
        // The post's summary on the home page has the same link: blamed on the post.
        format!("{src}/blog/2024/없는-글/` in index.html (line 6, in the post's summary"),
        // A generated page: blamed on its template.
        "templates/404.html: broken link `/blog/nowhere/` in 404.html".to_string(),
    ];
    for e in &expect {
        assert!(
            broken.iter().any(|l| l.starts_with(e.as_str())),
            "missing `{e}` in:\n{out}"
        );
    }
    assert_eq!(broken.len(), expect.len(), "unexpected reports:\n{out}");
    for good in ["좋은-제목", "한글-제목", "ok.svg"] {
        assert!(
            !broken.iter().any(|l| l.contains(good)),
            "`{good}` resolves and must not be reported:\n{out}"
        );
    }
    assert!(out.contains("7 broken links"), "{out}");
    assert!(out.contains("2 external links not fetched"), "{out}");
}

#[test]
fn check_handles_raw_hangul_hrefs() {
    // Raw HTML in Markdown keeps Hangul unencoded; check decodes both forms alike.
    let site = TestSite::with_config("title = \"t\"\n");
    site.write(
        "content/posts/2024-03-01-한글-주소.md",
        "---\ntitle: 한글 주소\ndate: 2024-03-01\n---\n\n\
         <a href=\"/2024/한글-주소/#한글-제목\">raw</a>\n\n\
         <a href=\"/2024/%ED%95%9C%EA%B8%80-%EC%A3%BC%EC%86%8C/#%ED%95%9C%EA%B8%80-%EC%A0%9C%EB%AA%A9\">enc</a>\n\n\
         <a href=\"../../2024/한글-주소/index.html\">relative</a>\n\n\
         <a href=\"/2024/한글-주소\">no slash</a>\n\n\
         ## 한글 제목\n",
    );
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(run.stdout().contains("no broken links"), "{}", run.stdout());
}

#[test]
fn check_passes_on_the_example_blog() {
    let root = repo_root();
    let run = Run {
        output: hoego()
            .args(["check", "--root"])
            .arg(&root)
            .output()
            .unwrap(),
    };
    run.assert_ok();
    assert!(run.stdout().contains("no broken links"), "{}", run.stdout());
    // The same under a project path.
    let run = Run {
        output: hoego()
            .args([
                "check",
                "--base-url",
                "https://example.github.io/blog/",
                "--root",
            ])
            .arg(&root)
            .output()
            .unwrap(),
    };
    run.assert_ok();
}

const MINIMAL_BASE: &str = "<!DOCTYPE html><html><head><title>{% block title %}{% endblock title %}</title>\
{% block description %}{% endblock description %}{% block canonical %}{% endblock canonical %}\
{% block head %}{% endblock head %}</head><body>{% block content %}{% endblock content %}</body></html>\n";

#[test]
fn check_external_fetches_other_hosts() {
    // `hoego check --external` fetches with the system's curl.
    if !require_tool("curl") {
        return;
    }
    // A local server stands in for another site (only package registries are reachable).
    let other = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(other.path().join("ok")).unwrap();
    std::fs::write(other.path().join("ok/index.html"), "<p>ok</p>").unwrap();
    let server = StaticServer::start(other.path().to_path_buf());
    let site = TestSite::with_config("title = \"t\"\n");
    // A theme without the footer's link to github.com: the test must not reach the internet.
    site.write("templates/base.html", MINIMAL_BASE);
    site.write(
        "content/posts/2024-01-01-links.md",
        &format!(
            "---\ntitle: links\ndate: 2024-01-01\n---\n\n[ok](http://{0}/blog/ok/)\n\n[gone](http://{0}/blog/gone/)\n",
            server.addr
        ),
    );
    let run = site.run(&["check", "--verbose"]);
    run.assert_ok();
    assert!(
        run.stdout().contains("2 external links not fetched"),
        "{}",
        run.stdout()
    );
    assert!(run.stdout().contains("/blog/gone/"), "--verbose lists them");

    let run = site.run(&["check", "--external"]);
    run.assert_failed();
    let out = run.stdout();
    assert!(
        out.contains(&format!(
            "content/posts/2024-01-01-links.md: broken link `http://{}/blog/gone/` in 2024/links/index.html (HTTP 404)",
            server.addr
        )),
        "{out}"
    );
    assert!(!out.contains("blog/ok/` in"), "{out}");
    assert!(out.contains("2 external links fetched, 1 broken"), "{out}");
}
