//! Snapshot tests of rendered Markdown: each tests/fixtures/markdown/NAME.md renders to
//! NAME.html beside it. `HOEGO_BLESS=1 cargo test --test markdown_snapshots` rewrites them.

use std::path::Path;

use hoego::config::MarkdownConfig;
use hoego::markdown::{self, RenderOptions, highlight::Highlighter};

/// Renders with the snapshots' options: default config, Korean, `/x` links under `/blog/`.
fn render_raw(source: &str) -> markdown::Rendered {
    let config = MarkdownConfig::default();
    let highlighter = Highlighter::default();
    let resolve = |dest: &str| dest.strip_prefix('/').map(|rest| format!("/blog/{rest}"));
    let opts = RenderOptions {
        config: &config,
        highlighter: &highlighter,
        resolve_link: &resolve,
        take_title_from_h1: false,
        math: false,
        language: "ko",
        kramdown: false,
        media_subpath: None,
    };
    markdown::render(source, &opts)
}

fn render(source: &str) -> String {
    let r = render_raw(source);
    let toc: Vec<String> = flatten(&r.toc);
    format!(
        "{}<!-- summary (has_more={}) -->\n{}\n<!-- toc -->\n{}\n<!-- words={} reading_time={} -->\n",
        r.html,
        r.has_more,
        r.summary,
        toc.join("\n"),
        r.stats.word_count(),
        r.stats.reading_minutes()
    )
}

fn flatten(toc: &[markdown::toc::TocEntry]) -> Vec<String> {
    let mut out = Vec::new();
    for e in toc {
        out.push(format!(
            "{}{} {} {}",
            "  ".repeat(e.level as usize - 1),
            e.title,
            e.id,
            e.url
        ));
        out.extend(flatten(&e.children));
    }
    out
}

#[test]
fn markdown_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown");
    let bless = std::env::var_os("HOEGO_BLESS").is_some();
    let mut mismatches = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for md in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let actual = render(&std::fs::read_to_string(md).unwrap());
        let snap = md.with_extension("html");
        if bless {
            std::fs::write(&snap, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&snap).unwrap_or_default();
        if expected != actual {
            mismatches.push(format!(
                "{}:\n--- expected\n{expected}\n--- actual\n{actual}",
                snap.display()
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{}\n(run with HOEGO_BLESS=1 to accept)",
        mismatches.join("\n")
    );
}

/// What a large build holds while it waits to write a page (`Rendered::pack`) comes back
/// byte for byte, for every snapshot.
#[test]
fn packed_html_comes_back_unchanged() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown");
    let mut checked = 0;
    for md in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
        if md.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let mut r = render_raw(&std::fs::read_to_string(&md).unwrap());
        let html = r.html.clone();
        r.pack();
        assert!(
            r.html.is_empty(),
            "{}: the HTML is held only packed",
            md.display()
        );
        assert_eq!(r.html(), html, "{}", md.display());
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} fixtures");
}
