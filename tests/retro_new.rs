//! `hoego new --retro`: a new retrospective started from the last ones of a fixture site
//! (tests/fixtures/retro-new/{ko,en}, each with a 2024 and a 2025 retrospective), compared
//! byte for byte with tests/fixtures/retro-new/expected/ (`HOEGO_BLESS=1 cargo test --test
//! retro_new` rewrites them); every goal to review appears once and links back; the draft
//! is read back as a retrospective; nothing is overwritten.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::*;
use serde_json::Value;

fn fixture(lang: &str) -> TestSite {
    let site = TestSite::new();
    copy_tree(
        &repo_root().join("tests/fixtures/retro-new").join(lang),
        site.root(),
    );
    site
}

fn expected_dir() -> PathBuf {
    repo_root().join("tests/fixtures/retro-new/expected")
}

/// Runs `hoego new ARGS`; returns the path it printed and the file's text.
#[track_caller]
fn new_retro(site: &TestSite, args: &[&str]) -> (String, String) {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    let run = site.run(&all);
    run.assert_ok();
    let out = run.stdout();
    let path = out.trim_end().to_string();
    assert_eq!(out, format!("{path}\n"), "one line, the path");
    assert!(path.starts_with("content/posts/"), "{path}");
    let text = std::fs::read_to_string(site.root().join(&path)).unwrap();
    (path, text)
}

#[test]
fn new_retrospectives_match_their_snapshots() {
    let bless = std::env::var_os("HOEGO_BLESS").is_some();
    let cases: &[(&str, &[&str], &str, &str)] = &[
        // The last one is KPT: so is the new one.
        (
            "ko",
            &["--retro", "2026"],
            "ko-2026",
            "2026-12-31-2026년-회고.md",
        ),
        (
            "ko",
            &["--retro", "2026", "--template", "goals"],
            "ko-2026-goals",
            "2026-12-31-2026년-회고.md",
        ),
        // Nothing before 2023: the template alone.
        (
            "ko",
            &["--retro", "2023"],
            "ko-2023",
            "2023-12-31-2023년-회고.md",
        ),
        // The last one is 4L.
        (
            "en",
            &["--retro", "2026"],
            "en-2026",
            "2026-12-31-2026-retrospective.md",
        ),
        (
            "en",
            &["--retro", "2025-H2", "--template", "5f", "--draft"],
            "en-2025-h2",
            "2025-12-31-2025-h2-retrospective.md",
        ),
    ];
    let mut mismatches = Vec::new();
    for (lang, args, name, file) in cases {
        let site = fixture(lang);
        let (path, text) = new_retro(&site, args);
        assert_eq!(path, format!("content/posts/{file}"));
        let snapshot = expected_dir().join(format!("{name}.md"));
        if bless {
            std::fs::write(&snapshot, &text).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&snapshot)
            .unwrap_or_else(|e| panic!("{}: {e} (HOEGO_BLESS=1 writes it)", snapshot.display()));
        if want != text {
            mismatches.push(format!("{name}:\n--- expected\n{want}\n--- got\n{text}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Posts show their body and `page.retro` as JSON.
const POST_TEMPLATE: &str = "<main>{{ page.content | safe }}</main>\n<pre id=\"retro\">{% if page.retro %}{{ page.retro | json_encode() }}{% else %}null{% endif %}</pre>";

fn page(site: &TestSite, rel: &str) -> (scraper::Html, Value) {
    let doc = site.html(rel);
    let retro = serde_json::from_str(&text(&select(&doc, "#retro")[0])).unwrap();
    (doc, retro)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// Task items of a draft: (goal text, the note line under it).
fn tasks(markdown: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = markdown.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            l.strip_prefix("- [ ] ").map(|t| {
                (
                    t.to_string(),
                    lines.get(i + 1).unwrap_or(&"").trim().to_string(),
                )
            })
        })
        .collect()
}

#[test]
fn every_goal_to_review_appears_once_and_links_back() {
    for (lang, last_url, before_url) in [
        (
            "ko",
            "2025/2025년-회고/index.html",
            "2024/2024년-회고/index.html",
        ),
        (
            "en",
            "2025/looking-back-at-2025/index.html",
            "2024/2024-retrospective/index.html",
        ),
    ] {
        let site = fixture(lang);
        site.write("templates/post.html", POST_TEMPLATE);
        site.build(&[]).assert_ok();
        let (_, last) = page(&site, last_url);
        let (_, before) = page(&site, before_url);
        // What the new one must list: the last one's next goals, its unchecked goals, and the
        // goals set before it that it did not review.
        let mut wanted: BTreeSet<String> = strings(&last["next_goals"]).into_iter().collect();
        for g in last["goals"]["items"].as_array().unwrap() {
            if g["done"] == false {
                wanted.insert(g["text"].as_str().unwrap().to_string());
            }
        }
        for c in last["carried"]["items"].as_array().unwrap() {
            if c["status"] == "not_reviewed" {
                wanted.insert(c["text"].as_str().unwrap().to_string());
            }
        }
        // And what it set out to try (4L's Longed for is no next goal).
        for s in last["sections"].as_array().unwrap() {
            if ["Try", "Longed for", "Future action"].contains(&s["name"].as_str().unwrap()) {
                wanted.extend(strings(&s["items"]));
            }
        }
        let (path, draft) = new_retro(&site, &["--retro", "2026"]);
        let items = tasks(&draft);
        let listed: Vec<&str> = items.iter().map(|(t, _)| t.as_str()).collect();
        let unique: BTreeSet<String> = listed.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            unique.len(),
            listed.len(),
            "{lang}: a goal listed twice: {listed:?}"
        );
        assert_eq!(unique, wanted, "{lang}");
        // Each names the retrospective it comes from, by its Markdown file.
        for (goal, note) in &items {
            assert!(
                note.starts_with("← [") && note.contains(".md)"),
                "{lang}: {goal}: `{note}`"
            );
        }
        // Left unchecked in both: marked as carried twice, since the one before.
        let twice: Vec<&str> = items
            .iter()
            .filter(|(_, n)| n.contains("두 번 연속 이월") || n.contains("carried twice"))
            .map(|(t, _)| t.as_str())
            .collect();
        let unchecked = |r: &Value| -> BTreeSet<String> {
            r["goals"]["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|g| g["done"] == false)
                .map(|g| g["text"].as_str().unwrap().to_string())
                .collect()
        };
        let both: Vec<String> = unchecked(&last)
            .intersection(&unchecked(&before))
            .cloned()
            .collect();
        assert!(
            !both.is_empty(),
            "{lang}: the fixture has a goal unchecked twice"
        );
        assert_eq!(twice, both, "{lang}");

        // Built (it is dated in the future), its links work and it is a retrospective of 2026
        // whose goals are the items, none achieved yet, reviewing all of last time's goals.
        let check = site.run(&["check", "--future"]);
        check.assert_ok();
        site.build(&["--future"]).assert_ok();
        let out = path
            .trim_start_matches("content/posts/")
            .trim_end_matches(".md");
        let (doc, retro) = page(&site, &format!("2026/{}/index.html", &out[11..]));
        assert_eq!(retro["period"], "2026");
        assert_eq!(retro["goals"]["total"].as_u64(), Some(items.len() as u64));
        assert_eq!(retro["goals"]["done"].as_u64(), Some(0));
        assert_eq!(retro["next_goals"], serde_json::json!([]));
        let carried = &retro["carried"];
        assert_eq!(carried["total"], carried["reviewed"], "{lang}: {carried}");
        assert_eq!(
            carried["total"].as_u64(),
            Some(strings(&last["next_goals"]).len() as u64)
        );
        let base = if lang == "ko" { "/blog/" } else { "/" };
        let hrefs: BTreeSet<String> = select(&doc, "main li a")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .map(str::to_string)
            .collect();
        let url = |rel: &str| {
            let dir = rel.trim_end_matches("index.html");
            format!("{base}{}", hoego::content::slug::encode_path(dir))
        };
        assert!(hrefs.contains(&url(last_url)), "{lang}: {hrefs:?}");
        assert!(hrefs.contains(&url(before_url)), "{lang}: {hrefs:?}");
    }
}

#[test]
fn nothing_is_overwritten() {
    let site = fixture("ko");
    let (path, text) = new_retro(&site, &["--retro", "2026"]);
    let run = site.run(&["new", "--retro", "2026", "--template", "goals"]);
    run.assert_failed();
    assert!(
        run.stderr().contains("already exists: not overwritten"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join(&path)).unwrap(),
        text
    );
    // An existing retrospective of the period is pointed out; its file is left alone.
    let run = site.run(&["new", "--retro", "2025", "--template", "kpt"]);
    run.assert_ok();
    assert!(
        run.stderr()
            .contains("2025-12-30-2025년-회고.md is already a retrospective of 2025"),
        "{}",
        run.stderr()
    );
    site.run(&["new", "--retro", "2025"]).assert_failed();
}

#[test]
fn periods_and_flags_are_checked() {
    let site = fixture("ko");
    let run = site.run(&["new", "--retro", "2025-H3"]);
    run.assert_failed();
    assert!(
        run.stderr().contains("`2025-H3` is not a period"),
        "{}",
        run.stderr()
    );
    site.run(&["new", "제목", "--retro", "2025"])
        .assert_failed();
    site.run(&["new", "제목", "--template", "kpt"])
        .assert_failed();
    site.run(&["new", "--retro", "2025", "--date", "2025-01-01"])
        .assert_failed();
    site.run(&["new", "--retro", "2025", "--template", "6f"])
        .assert_failed();
    assert!(
        !site
            .root()
            .join("content/posts/2025-12-31-2025년-회고.md")
            .exists()
    );
    // Without a period: this year (the year just ended, in January).
    let run = site.run(&["new", "--retro"]);
    run.assert_ok();
    assert!(run.stdout().contains("-12-31-"), "{}", run.stdout());
    // A quarter, a month, a week: dated at their last day, titled by their period.
    for (period, file) in [
        ("2025-Q4", "2025-12-31-2025년-4분기-회고.md"),
        ("2025-02", "2025-02-28-2025년-2월-회고.md"),
        ("2025-W14", "2025-04-06-2025년-14주차-회고.md"),
    ] {
        let (path, text) = new_retro(&site, &["--retro", period]);
        assert_eq!(path, format!("content/posts/{file}"));
        assert!(text.contains(&format!("retro: \"{period}\"\n")), "{text}");
    }
}

#[test]
fn the_theme_shows_the_numbers_once() {
    let site = fixture("ko");
    let (path, _) = new_retro(&site, &["--retro", "2026"]);
    site.build(&["--future"]).assert_ok();
    let out = path
        .trim_start_matches("content/posts/")
        .trim_end_matches(".md");
    // The draft writes its numbers under the box's heading: the theme leaves its box out.
    let doc = site.html(&format!("2026/{}/index.html", &out[11..]));
    assert!(select(&doc, ".retro-numbers").is_empty());
    let headings: Vec<String> = select(&doc, "h2").iter().map(text).collect();
    assert_eq!(
        headings
            .iter()
            .filter(|h| h.contains("숫자로 보는 2026년"))
            .count(),
        1,
        "{headings:?}"
    );
    // A retrospective without them keeps the box.
    let doc = site.html("2025/2025년-회고/index.html");
    assert_eq!(select(&doc, ".retro-numbers").len(), 1);
}
