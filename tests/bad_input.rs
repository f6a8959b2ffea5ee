//! Bad input, one case per row: each breaks a good site in one way, and the build must
//! fail with a message naming the file (and line, where there is one), without a panic,
//! leaving the previous output byte for byte as it was and nothing of its own behind.

mod common;

use std::path::Path;

use common::*;

const CONFIG: &str = "title = \"안전\"\nbase_url = \"https://example.com/\"\n";
const GOOD_POST: &str = "---\ntitle: 좋은 글\ndate: 2024-01-02\ntags: [일상]\n---\n본문.\n";

/// One way to break the site: files to write (over the good site) and extra arguments.
struct Case {
    name: &'static str,
    files: &'static [(&'static str, &'static [u8])],
    args: &'static [&'static str],
    /// Every one of these must appear in stderr.
    expect: &'static [&'static str],
}

const P: &str = "content/posts/2024-01-01-a.md";

macro_rules! case {
    ($name:expr, [$(($path:expr, $text:expr)),* $(,)?], $args:expr, [$($want:expr),* $(,)?]) => {
        Case {
            name: $name,
            files: &[$(($path, $text)),*],
            args: $args,
            expect: &[$($want),*],
        }
    };
}

const CASES: &[Case] = &[
    // YAML front matter.
    case!("yaml: unclosed list", [(P, b"---\ntitle: [broken\n---\n")], &[], ["2024-01-01-a.md:2"]),
    case!("yaml: bad indentation", [(P, b"---\ntitle: a\n  date: 2024-01-01\n---\n")], &[], ["2024-01-01-a.md:3"]),
    case!("yaml: tab indentation", [(P, b"---\ntags:\n\t- a\n---\n")], &[], ["2024-01-01-a.md:3"]),
    case!("yaml: unclosed quote", [(P, b"---\ntitle: \"abc\n---\nbody\n")], &[], ["2024-01-01-a.md:"]),
    case!("front matter never closed", [(P, b"---\ntitle: a\n\nbody")], &[], ["2024-01-01-a.md:1", "never closed"]),
    case!("front matter is a list", [(P, b"---\n- a\n- b\n---\n")], &[], ["2024-01-01-a.md:2", "mapping"]),
    case!("title is a list", [(P, b"---\ntitle: [a, b]\n---\n")], &[], ["2024-01-01-a.md:2", "`title`"]),
    case!("title is a mapping", [(P, b"---\ntitle: {a: 1}\n---\n")], &[], ["2024-01-01-a.md:2"]),
    case!("date is not a date", [(P, b"---\ntitle: a\ndate: yesterday\n---\n")], &[], ["2024-01-01-a.md:3"]),
    case!("date does not exist", [(P, b"---\ntitle: a\ndate: 2023-02-30\n---\n")], &[], ["2024-01-01-a.md:3"]),
    case!("date is a list", [(P, b"---\ntitle: a\ndate: [2023]\n---\n")], &[], ["2024-01-01-a.md:3"]),
    case!("updated is not a date", [(P, b"---\ntitle: a\nupdated: soon\n---\n")], &[], ["2024-01-01-a.md:3"]),
    case!("last_modified_at is not a date", [(P, b"---\ntitle: a\nlast_modified_at: 13/13/2023\n---\n")], &[], ["2024-01-01-a.md:3"]),
    case!("draft is not a boolean", [(P, b"---\ntitle: a\ndraft: maybe\n---\n")], &[], ["2024-01-01-a.md:3", "`draft`"]),
    case!("published is not a boolean", [(P, b"---\npublished: sometimes\n---\n")], &[], ["2024-01-01-a.md:2"]),
    case!("toc is not a boolean", [(P, b"---\ntoc: please\n---\n")], &[], ["2024-01-01-a.md:2", "`toc`"]),
    case!("weight is not a whole number", [("content/about.md", b"---\nweight: 1.5\n---\n")], &[], ["content/about.md:2", "`weight`"]),
    case!("author mapping without a name", [(P, b"---\nauthor: {email: a@b.c}\n---\n")], &[], ["2024-01-01-a.md:2", "`author`"]),
    case!("image mapping without a path", [(P, b"---\nimage: {alt: x}\n---\n")], &[], ["2024-01-01-a.md:2", "`image`"]),
    case!("tags is a mapping", [(P, b"---\ntags: {a: 1}\n---\n")], &[], ["2024-01-01-a.md:2", "`tags`"]),
    case!("categories is a mapping", [(P, b"---\ncategories: {a: 1}\n---\n")], &[], ["2024-01-01-a.md:2"]),
    // TOML front matter.
    case!("toml: missing value", [(P, b"+++\ntitle = \"a\"\ndate = \n+++\n")], &[], ["2024-01-01-a.md:3"]),
    case!("toml: title is an array", [(P, b"+++\ntitle = [1]\n+++\n")], &[], ["2024-01-01-a.md:2"]),
    case!("toml: never closed", [(P, b"+++\ntitle = \"a\"\n")], &[], ["2024-01-01-a.md:1"]),
    // Encoding and dates.
    case!("not UTF-8", [(P, b"---\ntitle: a\n---\nok\n\xff\xfe broken\n")], &[], ["2024-01-01-a.md:5:1", "UTF-8"]),
    case!("post with no date", [("content/posts/undated.md", b"---\ntitle: a\n---\n")], &[], ["undated.md", "no date"]),
    // Paths the build would write outside its output folder, or cannot write at all.
    case!("post permalink climbs out", [(P, b"---\ntitle: a\npermalink: /../../victim.txt\n---\n")], &[], ["2024-01-01-a.md:3", "climbs out"]),
    case!("post permalink climbs out midway", [(P, b"---\ntitle: a\npermalink: /a/../../../b/\n---\n")], &[], ["2024-01-01-a.md:3"]),
    case!("page permalink climbs out", [("content/about.md", b"---\ntitle: a\npermalink: ../../../etc/x\n---\n")], &[], ["content/about.md:3"]),
    case!("permalink with a backslash", [(P, b"---\npermalink: \"/a/..\\\\..\\\\x\"\n---\n")], &[], ["2024-01-01-a.md:2", "\\"]),
    case!("permalink with a NUL", [(P, b"---\npermalink: \"/a\\0b/\"\n---\n")], &[], ["2024-01-01-a.md:2", "NUL"]),
    case!("permalink naming hoego's own file", [(P, b"---\npermalink: /.hoego-manifest.json\n---\n")], &[], ["2024-01-01-a.md:2"]),
    case!("permalink segment too long", [(P, b"---\ntitle: a\npermalink: /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/\n---\n")], &[], ["2024-01-01-a.md:3", "bytes"]),
    case!("slug too long", [(P, "---\ntitle: a\nslug: 가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라\n---\n".as_bytes())], &[], ["2024-01-01-a.md:3", "bytes"]),
    case!("tag too long", [(P, "---\ntitle: a\ntags: [가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라]\n---\n".as_bytes())], &[], ["2024-01-01-a.md:3", "bad tag"]),
    case!("old URL in a hidden folder", [(P, b"---\ntitle: a\nredirect_from: /.git/HEAD\n---\n")], &[], ["2024-01-01-a.md:3", "hidden name"]),
    case!("old URL climbs out", [(P, b"---\ntitle: a\naliases: [/../../x/]\n---\n")], &[], ["2024-01-01-a.md:3", "climbs out"]),
    case!("permalink into a hidden folder", [(P, b"---\npermalink: /.ssh/authorized_keys\n---\n")], &[], ["2024-01-01-a.md:2", "hidden name"]),
    case!("page takes the feed's URL", [("content/feed.md", b"---\npermalink: /feed.xml\n---\n")], &[], ["content/feed.md", "URL collision"]),
    // config.toml.
    case!("config: syntax", [("config.toml", b"title = \"a\nbase_url = \"/\"\n")], &[], ["config.toml:1"]),
    case!("config: unknown key", [("config.toml", b"title = \"a\"\ntitel = \"b\"\n")], &[], ["config.toml:2", "titel"]),
    case!("config: wrong type", [("config.toml", b"paginate = \"ten\"\n")], &[], ["config.toml:1"]),
    case!("config: unknown time zone", [("config.toml", b"timezone = \"Seoul\"\n")], &[], ["config.toml:1", "Seoul"]),
    case!("config: script as base_url", [("config.toml", b"title = \"a\"\nbase_url = \"javascript:alert(1)//\"\n")], &[], ["config.toml:2", "base_url"]),
    case!("config: base_url without host", [("config.toml", b"base_url = \"https:///x\"\n")], &[], ["config.toml:1", "host"]),
    case!("config: permalink climbs out", [("config.toml", b"title = \"a\"\npermalink = \"/../:slug/\"\n")], &[], ["config.toml:2", "climbs out"]),
    case!("config: permalink without /", [("config.toml", b"permalink = \":year/:slug/\"\n")], &[], ["config.toml:1"]),
    case!("config: paginate 0", [("config.toml", b"paginate = 0\n")], &[], ["config.toml:1"]),
    case!("config: unknown theme", [("config.toml", b"title = \"a\"\ntheme = \"nope\"\n")], &[], ["config.toml:2", "nope"]),
    case!("config: unknown highlight theme", [("config.toml", b"[markdown]\nhighlight_theme = \"Nope\"\n")], &[], ["config.toml", "Nope"]),
    // Templates.
    case!("template: syntax", [("templates/post.html", b"<p>\n{% if %}\n")], &[], ["templates/post.html:2"]),
    case!("template: undefined variable", [("templates/post.html", b"{{ page.no_such_field.x }}")], &[], ["templates/post.html", "no_such_field"]),
    case!("template: unknown filter", [("templates/page.html", b"{{ page.title | shout }}")], &[], ["templates/page.html", "shout"]),
    case!("template: unknown function", [("templates/index.html", b"{{ nothing_here() }}")], &[], ["templates/index.html", "nothing_here"]),
    case!("template: includes itself", [("templates/post.html", b"<main>\n{% include \"post.html\" %}\n</main>")], &[], ["templates/post.html:2", "recursion"]),
    case!("template: include cycle", [("templates/post.html", b"{% include \"side.html\" %}"), ("templates/side.html", b"<aside>\n{% include \"post.html\" %}</aside>")], &[], ["recursion", "side.html", "post.html"]),
    case!("template: extends itself", [("templates/page.html", b"{% extends \"page.html\" %}")], &[], ["templates/page.html", "Circular"]),
    case!("template: macro calls itself", [("templates/macros.html", b"{% macro tag_list(tags) %}\n{{ self::tag_list(tags=tags) }}\n{% endmacro tag_list %}")], &[], ["templates/macros.html:2", "macro `tag_list`"]),
    // Command-line arguments.
    case!("--base-url with a script", [], &["--base-url", "javascript:alert(1)//"], ["--base-url", "javascript"]),
    case!("--base-url with another scheme", [], &["--base-url", "ftp://example.com/"], ["--base-url"]),
    case!("--base-url with a quote", [], &["--base-url", "https://example.com/\"><script>"], ["--base-url"]),
    case!("--output is the site's parent", [], &["--output", ".."], ["is or contains the site folder"]),
    case!("--output is the site", [], &["--output", "."], ["is or contains the site folder"]),
    case!("--output inside content", [], &["--output", "content/out"], ["inside the site's `content`"]),
    case!("--output through a ..", [], &["--output", "public/../templates/x"], ["inside the site's `templates`"]),
    case!("--output is config.toml", [], &["--output", "config.toml"], ["config.toml"]),
    case!("--root does not exist", [], &["--root", "no-such-site"], ["no-such-site"]),
];

/// The good site every case starts from, built once.
fn good_site(dir: &Path) {
    let site = |rel: &str, text: &str| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    site("config.toml", CONFIG);
    site(P, GOOD_POST);
    site("content/posts/2024-01-03-b.md", GOOD_POST);
    site("content/about.md", "# 소개\n\n소개 글.\n");
}

#[test]
fn every_bad_input_fails_clearly_and_changes_nothing() {
    assert!(CASES.len() >= 40, "{} cases", CASES.len());
    let base = TestSite::new();
    good_site(base.root());
    base.build(&[]).assert_ok();

    let mut failures = Vec::new();
    for case in CASES {
        // The site in a folder of its own, so that anything written beside it shows.
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_tree(base.root(), &root);
        for (rel, bytes) in case.files {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let before = list_files(&root.join("public"));
        let top_before = top_level(tmp.path());

        let run = Run {
            output: hoego()
                .arg("build")
                .args(case.args)
                .current_dir(&root)
                .output()
                .unwrap(),
        };
        let stderr = run.stderr();
        let name = case.name;
        if run.ok() {
            failures.push(format!("{name}: the build succeeded\n{}", run.stdout()));
            continue;
        }
        if run.output.status.code() != Some(1) {
            failures.push(format!("{name}: exit status {:?}", run.output.status));
        }
        for want in case.expect {
            if !stderr.contains(want) {
                failures.push(format!("{name}: `{want}` missing from:\n{stderr}"));
            }
        }
        if stderr.contains("panicked") {
            failures.push(format!("{name}: panic\n{stderr}"));
        }
        if list_files(&root.join("public")) != before {
            failures.push(format!("{name}: public/ changed"));
        }
        if top_level(tmp.path()) != top_before {
            failures.push(format!(
                "{name}: files changed beside public/: {:?} → {:?}",
                top_before,
                top_level(tmp.path())
            ));
        }
        let hidden: Vec<String> = std::fs::read_dir(root.join("public"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".hoego-") && n != ".hoego-manifest.json")
            .collect();
        if !hidden.is_empty() {
            failures.push(format!("{name}: left behind {hidden:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

#[test]
fn a_first_build_that_fails_leaves_no_output_folder() {
    let site = TestSite::new();
    good_site(site.root());
    site.write(P, "---\ntitle: [broken\n---\n");
    site.build(&[]).assert_failed();
    assert!(!site.root().join("public").exists());
}

#[test]
fn every_broken_file_is_reported_in_one_run() {
    let site = TestSite::new();
    good_site(site.root());
    site.write(P, "---\ntitle: [broken\n---\n")
        .write(
            "content/posts/2024-01-03-b.md",
            "---\ndate: nope\npermalink: /../x/\n---\n",
        )
        .write("content/about.md", "---\ndraft: perhaps\n---\n");
    let run = site.build(&[]);
    run.assert_failed();
    let err = run.stderr();
    for want in [
        "2024-01-01-a.md:2",
        "2024-01-03-b.md:2",
        "content/about.md:2",
    ] {
        assert!(err.contains(want), "{want} missing:\n{err}");
    }
    assert!(err.contains("build failed with 3 errors"), "{err}");
}

/// Every file and folder below `dir` (the folder holding the site) but the output, with
/// its size.
fn top_level(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let len = e.metadata().map(|m| m.len()).unwrap_or(0);
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            format!("{rel} {len}")
        })
        .filter(|p| !p.starts_with("site/public"))
        .collect();
    names.sort();
    names
}
