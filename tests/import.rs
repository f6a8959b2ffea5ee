//! `hoego import text`: plain-text posts become Markdown posts with their title and date in
//! front matter, headings, nested lists and links, every word kept; the four plain-text
//! seed posts (read from `../shared` at test time, never copied here) are then found by the
//! retrospectives feature; existing posts are never overwritten; bad input names its file.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

const CONFIG: &str = "title = \"가져온 글\"\nbase_url = \"https://example.com/\"\nlanguage = \"ko\"\ntimezone = \"Asia/Seoul\"\n";

/// Posts show their body and, after it, `page.retro` as JSON.
const POST_TEMPLATE: &str = "<main>{{ page.content | safe }}</main>\n<pre id=\"retro\">{% if page.retro %}{{ page.retro | json_encode() }}{% else %}null{% endif %}</pre>";

fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.write("templates/post.html", POST_TEMPLATE);
    site
}

/// The posts written, by file name.
fn posts(site: &TestSite) -> Vec<(String, String)> {
    let dir = site.root().join("content/posts");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|d| {
            d.map(|e| {
                let p = e.unwrap().path();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Front matter `key: value` lines and the body.
fn split(post: &str) -> (Vec<(String, String)>, String) {
    let rest = post.strip_prefix("---\n").expect("front matter");
    let (front, body) = rest.split_once("\n---\n").expect("closing ---");
    let keys = front
        .lines()
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    (keys, body.to_string())
}

fn key<'a>(front: &'a [(String, String)], k: &str) -> &'a str {
    front
        .iter()
        .find(|(name, _)| name == k)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no `{k}` in front matter"))
}

fn unquote(v: &str) -> String {
    serde_json::from_str(v).unwrap_or_else(|_| v.to_string())
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line's words without its bullet or number.
fn without_marker(line: &str) -> &str {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix("• ").or_else(|| t.strip_prefix("- ")) {
        return rest;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits)
        && matches!(t.as_bytes().get(digits), Some(b'.' | b')'))
        && t[digits + 1..].starts_with(' ')
    {
        return t[digits + 1..].trim_start();
    }
    t
}

fn is_list_line(line: &str) -> bool {
    without_marker(line).len() < line.trim_start().len()
}

/// The built page of a post: its text and `page.retro`.
fn page(site: &TestSite, file: &str) -> (String, Value) {
    // content/posts/YYYY-MM-DD-slug.md is /YYYY/slug/ under the default permalink.
    let stem = file.trim_end_matches(".md");
    let rel = format!("{}/{}/index.html", &stem[..4], &stem[11..]);
    let doc = site.html(&rel);
    let main = select(&doc, "main");
    let retro = select(&doc, "#retro");
    (
        words(&text(&main[0])),
        serde_json::from_str(&text(&retro[0])).unwrap(),
    )
}

fn seed(shared: &Path, prefix: &str) -> PathBuf {
    std::fs::read_dir(shared.join("corpus/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}_*"))
}

#[test]
fn the_plain_text_seeds_become_posts_the_retrospectives_feature_reads() {
    let Some(shared) = require_shared() else {
        return;
    };
    let site = site();
    let seeds: Vec<PathBuf> = ["000", "001", "002", "003"]
        .iter()
        .map(|p| seed(&shared, p))
        .collect();
    let mut args = vec!["import", "text"];
    args.extend(seeds.iter().map(|p| p.to_str().unwrap()));
    let run = site.run(&args);
    run.assert_ok();
    let report = run.stdout();
    assert_eq!(report.lines().count(), 4, "{report}");
    site.build(&[]).assert_ok();

    let written = posts(&site);
    assert_eq!(written.len(), 4);
    let mut retro: Vec<Value> = Vec::new();
    let mut bodies: Vec<String> = Vec::new();
    for path in &seeds {
        let source = std::fs::read_to_string(path).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        // One report line per file, naming it and the post.
        let line = report
            .lines()
            .find(|l| l.contains(&stem))
            .unwrap_or_else(|| panic!("{stem} not reported:\n{report}"));
        let name = line
            .split_once("→ content/posts/")
            .and_then(|(_, rest)| rest.split_once(".md: "))
            .map(|(n, _)| format!("{n}.md"))
            .unwrap_or_else(|| panic!("no post named in `{line}`"));
        let post = &written
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} not written"))
            .1;

        let (front, body) = split(post);
        let title = unquote(key(&front, "title"));
        let lines: Vec<&str> = source.lines().collect();
        let nonblank: Vec<&str> = lines
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        // The header: 001 opens with its date, then the title; 003 has no title line.
        let (title_line, date_line) = if stem.starts_with("001") {
            (Some(nonblank[1]), Some(nonblank[0]))
        } else if stem.starts_with("003") {
            (None, None)
        } else {
            (Some(nonblank[0]), None)
        };
        match title_line {
            Some(t) => assert_eq!(title, t, "{stem}"),
            None => {
                assert_eq!(title, stem);
                assert!(line.contains("no title line"), "{line}");
            }
        }
        let expected_day = match date_line {
            Some(d) => {
                let n: Vec<u32> = d
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse().unwrap())
                    .collect();
                format!("{:04}-{:02}-{:02}", n[0], n[1], n[2])
            }
            // Without a date line, the end of the year the post reviews.
            None => "2023-12-31".to_string(),
        };
        assert_eq!(
            key(&front, "date"),
            format!("{expected_day} 00:00:00 +0900"),
            "{stem}"
        );
        assert!(name.starts_with(&expected_day), "{name}");
        // The title, when the text repeats it, is not in the body; nor is the date line.
        if let Some(t) = title_line {
            assert!(
                !words(&body).contains(&words(t)),
                "{stem}: title left in the body"
            );
        }
        if let Some(d) = date_line {
            assert!(!body.contains(d), "{stem}: date line left in the body");
        }

        // Headings: `##`/`###` only, each made from a line standing alone in the text.
        let headings: Vec<(usize, String)> = body
            .lines()
            .filter(|l| l.starts_with('#'))
            .map(|l| {
                let level = l.chars().take_while(|c| *c == '#').count();
                (level, unescape(&l[level + 1..]))
            })
            .collect();
        assert!(!headings.is_empty(), "{stem}");
        for (level, h) in &headings {
            assert!(*level == 2 || *level == 3, "{stem}: {h}");
            let at: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].trim() == h).collect();
            assert!(
                !at.is_empty(),
                "{stem}: heading `{h}` is no line of the text"
            );
            assert!(
                !is_list_line(h) || h.starts_with(char::is_numeric),
                "{stem}: {h}"
            );
            assert!(!h.ends_with('.'), "{stem}: a sentence made a heading: {h}");
            // Blank before and after (002 is copied without blank lines).
            let blank = |i: Option<usize>| {
                i.and_then(|i| lines.get(i))
                    .is_none_or(|l| l.trim().is_empty())
            };
            assert!(
                stem.starts_with("002")
                    || at
                        .iter()
                        .any(|&i| blank(i.checked_sub(1)) && blank(Some(i + 1))),
                "{stem}: {h} does not stand alone"
            );
        }
        // Every bracketed line is a heading.
        for l in &nonblank {
            if (l.starts_with('<') && l.ends_with('>'))
                || (l.starts_with("[ ") && l.ends_with(" ]"))
            {
                assert!(
                    headings.iter().any(|(_, h)| h == l),
                    "{stem}: `{l}` is no heading"
                );
            }
        }
        // Every bullet and numbered line is a list item, or a numbered heading.
        let md_items = body
            .lines()
            .filter(|l| !l.starts_with('#') && is_list_line(l))
            .count();
        let numbered_headings = headings.iter().filter(|(_, h)| is_list_line(h)).count();
        let text_lists = lines[..]
            .iter()
            .filter(|l| is_list_line(l) && Some(l.trim()) != title_line)
            .count();
        assert_eq!(md_items + numbered_headings, text_lists, "{stem}");
        // Lines indented under a list item stay nested in it: no item is indented as code.
        for l in body.lines().filter(|l| is_list_line(l)) {
            let indent = l.len() - l.trim_start().len();
            assert!(indent <= 9, "{stem}: `{l}`");
        }

        // Every word of every line is on the page, in its line's order.
        let (page_text, page_retro) = page(&site, &name);
        for l in &nonblank {
            if Some(*l) == title_line || Some(*l) == date_line {
                continue;
            }
            let w = words(without_marker(l));
            assert!(page_text.contains(&w), "{stem}: `{w}` is not on the page");
        }
        assert!(!page_retro.is_null(), "{stem} is not a retrospective");
        assert_eq!(page_retro["period"], "2023", "{stem}");
        retro.push(page_retro);
        bodies.push(body);
    }

    // 000: "10개 중 6개" stated, and nine numbered next goals.
    let r = &retro[0];
    assert_eq!(r["goals"]["counted"], "stated");
    assert_eq!(
        (r["stated"]["done"].as_u64(), r["stated"]["total"].as_u64()),
        (Some(6), Some(10))
    );
    assert_eq!(r["next_goals"].as_array().unwrap().len(), 9);
    // 001: the bullets under its bracketed plan heading, not those of the heading after it.
    let r = &retro[1];
    let next: Vec<&str> = r["next_goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert_eq!(next.len(), 5);
    let source = std::fs::read_to_string(&seeds[1]).unwrap();
    let plan = source
        .lines()
        .position(|l| l.trim().starts_with('<') && l.contains("계획"))
        .unwrap();
    let bullets: Vec<&str> = source
        .lines()
        .skip(plan)
        .filter(|l| is_list_line(l))
        .take(5)
        .collect();
    for (goal, bullet) in next.iter().zip(&bullets) {
        assert!(
            without_marker(bullet).starts_with(goal),
            "{goal} / {bullet}"
        );
    }
    // 002: ten next goals.
    assert_eq!(retro[2]["next_goals"].as_array().unwrap().len(), 10);
    // 003: KPT; its Try items are the next goals, and its section lines are level-3 headings
    // under the numbered section before them.
    let r = &retro[3];
    assert_eq!(r["format"], "kpt");
    let names: Vec<&str> = r["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Keep", "Problem", "Try"]);
    assert_eq!(r["sections"][2]["items"].as_array().unwrap().len(), 3);
    assert_eq!(r["sections"][2]["items"], r["next_goals"]);
    let body = &bodies[3];
    for name in ["Keep", "Problem", "Try"] {
        assert!(
            body.lines()
                .any(|l| l.starts_with("### ") && l.ends_with(&format!(") {name}"))),
            "{name}"
        );
    }
}

/// Markdown escapes taken out of a heading's text.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// A text of our own with everything the importer does, in English.
const ENGLISH: &str = "\
My 2024 Retrospective

December 30, 2024

Another year of writing things down.

Goals I set

  • Ship the side project
    1. Pick a name
    2. Write the docs
  • Run a half marathon
    => missed by a week

3 of 4 goals done, and 2 of them felt hard.

Next year

  • Read 24 books
  • Learn <b>Rust</b> properly: https://doc.rust-lang.org/book/.

# not a heading, * not a list
2025. 01. 01. is a date, not item 2025
";

#[test]
fn an_english_text_in_detail() {
    let site = site();
    site.write("inbox/review.txt", ENGLISH);
    let run = site.run(&["import", "text", "inbox/review.txt"]);
    run.assert_ok();
    let out = run.stdout();
    assert!(
        out.starts_with("inbox/review.txt → content/posts/2024-12-30-my-2024-retrospective.md: “My 2024 Retrospective”, 2024-12-30 (line 3); 2 headings, 2 lists (6 items), 1 links"),
        "{out}"
    );
    let written = posts(&site);
    assert_eq!(
        written[0].1,
        "---
title: \"My 2024 Retrospective\"
date: 2024-12-30 00:00:00 +0900
tags: []
---

Another year of writing things down.

## Goals I set

- Ship the side project
  1. Pick a name
  2. Write the docs
- Run a half marathon\\
  => missed by a week

3 of 4 goals done, and 2 of them felt hard.

## Next year

- Read 24 books
- Learn \\<b>Rust\\</b> properly: <https://doc.rust-lang.org/book/>.

\\# not a heading, \\* not a list\\
2025\\. 01. 01. is a date, not item 2025
"
    );
    site.build(&[]).assert_ok();
    let (text, retro) = page(&site, &written[0].0);
    for l in ENGLISH.lines().skip(4).filter(|l| !l.trim().is_empty()) {
        assert!(text.contains(&words(without_marker(l))), "{l}");
    }
    assert_eq!(retro["period"], "2024");
    assert_eq!(
        retro["next_goals"],
        serde_json::json!(["Read 24 books", "Learn <b>Rust</b> properly"])
    );
    let doc = site.html("2024/my-2024-retrospective/index.html");
    assert!(
        select(&doc, "main b").is_empty(),
        "HTML in the text stays text"
    );
    assert_eq!(
        select(&doc, "main li li").len(),
        2,
        "numbers nested under their bullet"
    );
    assert_eq!(
        select(&doc, "main a")[0].value().attr("href"),
        Some("https://doc.rust-lang.org/book/")
    );
}

#[test]
fn an_existing_post_is_never_overwritten() {
    let site = site();
    site.write("inbox/a.txt", "2025년 회고\n2025년 12월 31일\n\n첫 글.\n");
    site.write("inbox/b.txt", "2025년 회고\n2025년 12월 31일\n\n다른 글.\n");
    site.write("inbox/notes.md", "# not imported\n");
    let run = site.run(&["import", "text", "inbox"]);
    run.assert_failed();
    // The first is imported; the second would land on the same file and is refused.
    let written = posts(&site);
    assert_eq!(written.len(), 1);
    assert!(written[0].1.ends_with("첫 글.\n"));
    let err = run.stderr();
    assert!(err.contains("inbox/b.txt"), "{err}");
    assert!(err.contains("already exists: not overwritten"), "{err}");
    assert!(err.contains("imported 1 of 2 files"), "{err}");
    // Again: nothing changes.
    site.run(&["import", "text", "inbox/a.txt"]).assert_failed();
    assert_eq!(posts(&site), written);
}

#[test]
fn bad_input_names_the_file() {
    let site = site();
    let inbox = site.root().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::write(inbox.join("latin1.txt"), b"title\n\nok\n caf\xe9\n").unwrap();
    std::fs::write(inbox.join("binary.txt"), b"title\n\0\0").unwrap();
    site.write("inbox/jekyll.txt", "---\ntitle: x\n---\nbody\n");
    site.write("inbox/undated.txt", "장보기 목록\n\n우유와 빵.\n");
    site.write("inbox/empty.txt", " \n\u{a0}\n");
    site.write("inbox/good.txt", "일기\n2025-03-01\n\n맑음.\n");
    let run = site.run(&["import", "text", "inbox", "missing.txt"]);
    run.assert_failed();
    let err = run.stderr();
    for expected in [
        "inbox/latin1.txt:4: is not UTF-8 text",
        "inbox/binary.txt: is a binary file",
        "inbox/jekyll.txt:1: already has front matter",
        "inbox/undated.txt: has no date line",
        "--date YYYY-MM-DD",
        "inbox/empty.txt: has no text to import",
        "missing.txt: failed to read",
        "imported 1 of 7 files",
    ] {
        assert!(err.contains(expected), "`{expected}` missing from:\n{err}");
    }
    assert_eq!(posts(&site).len(), 1);
    // --date dates the undated text; a bad --date is refused before anything is read.
    site.run(&[
        "import",
        "text",
        "inbox/undated.txt",
        "--date",
        "2025-13-01",
    ])
    .assert_failed();
    assert_eq!(posts(&site).len(), 1);
    let run = site.run(&[
        "import",
        "text",
        "inbox/undated.txt",
        "--date",
        "2025-04-02",
    ]);
    run.assert_ok();
    assert!(
        run.stdout().contains("2025-04-02 (--date)"),
        "{}",
        run.stdout()
    );
    // A folder without texts.
    std::fs::create_dir_all(site.root().join("nothing")).unwrap();
    let run = site.run(&["import", "text", "nothing"]);
    run.assert_failed();
    assert!(
        run.stderr().contains("nothing: holds no .txt files"),
        "{}",
        run.stderr()
    );
}

#[test]
fn posts_go_only_inside_the_site() {
    let site = site();
    site.write("inbox/t.txt", "../../탈출\n2025-01-01\n\n본문.\n");
    site.run(&["import", "text", "inbox/t.txt"]).assert_ok();
    let written = posts(&site);
    assert_eq!(written[0].0, "2025-01-01-탈출.md");
    // content/posts as a link to a folder outside the site: refused.
    #[cfg(unix)]
    {
        let other = TestSite::with_config(CONFIG);
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(other.root().join("content")).unwrap();
        std::os::unix::fs::symlink(outside.path(), other.root().join("content/posts")).unwrap();
        other.write("inbox/t.txt", "제목\n2025-01-01\n\n본문.\n");
        let run = other.run(&["import", "text", "inbox/t.txt"]);
        run.assert_failed();
        assert!(
            run.stderr().contains("not inside the site folder"),
            "{}",
            run.stderr()
        );
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}
