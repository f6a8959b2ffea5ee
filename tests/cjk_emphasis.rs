//! CJK-friendly emphasis (`markdown.cjk_friendly_emphasis`) must not change anything that
//! CommonMark already gets right: every CommonMark spec example (and the GFM strikethrough
//! examples) renders the same with the option on and off. And it must fix real posts.

mod common;

use std::path::Path;

use common::require_shared;
use hoego::config::MarkdownConfig;
use hoego::markdown::{self, RenderOptions, highlight::Highlighter};
use scraper::{Html, Node};

fn render(source: &str, cjk: bool) -> String {
    let config = MarkdownConfig {
        cjk_friendly_emphasis: cjk,
        ..MarkdownConfig::default()
    };
    let highlighter = Highlighter::default();
    let resolve = |_: &str| None;
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
    markdown::render(source, &opts).html
}

fn fixture(name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/commonmark")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn assert_unchanged(name: &str, min_examples: usize) {
    let inputs = fixture(name);
    assert!(
        inputs.len() >= min_examples,
        "{name}: only {} examples",
        inputs.len()
    );
    let mut failures = Vec::new();
    for (i, md) in inputs.iter().enumerate() {
        let off = render(md, false);
        let on = render(md, true);
        if on != off {
            failures.push(format!(
                "example #{} {md:?}\n  off: {off:?}\n  on:  {on:?}",
                i + 1
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{name}: {} of {} examples render differently with cjk_friendly_emphasis:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}

#[test]
fn commonmark_spec_examples_render_unchanged() {
    assert_unchanged("spec_inputs.json", 652);
}

#[test]
fn strikethrough_examples_render_unchanged() {
    assert_unchanged("strikethrough_inputs.json", 18);
}

/// Drops the YAML front matter: everything up to the second `---` line.
fn strip_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + "\n---\n".len()..],
        None => text,
    }
}

/// Text nodes of `html` that are not inside `<code>` or `<pre>`.
fn prose_text_nodes(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    doc.tree
        .nodes()
        .filter_map(|node| {
            let Node::Text(text) = node.value() else {
                return None;
            };
            let in_code = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "code" | "pre"))
            });
            (!in_code).then(|| text.to_string())
        })
        .collect()
}

#[test]
fn korean_seed_post_has_no_stray_asterisks() {
    let Some(shared) = require_shared() else {
        return;
    };
    let path = shared.join("corpus/seeds/004_fedd3bbe47edbb6f.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let body = strip_front_matter(&text);
    assert_ne!(body.len(), text.len(), "front matter not found");

    let html = render(body, true);
    let stray: Vec<String> = prose_text_nodes(&html)
        .into_iter()
        .filter(|t| t.contains("**"))
        .collect();
    assert!(
        stray.is_empty(),
        "text nodes with literal `**`:\n{}",
        stray.join("\n---\n")
    );
    assert!(html.contains("<strong>“Cargo cult 를 주의하라”</strong>는"));

    // Without the option CommonMark leaves some of them literal: the test is meaningful.
    let commonmark = render(body, false);
    assert!(
        prose_text_nodes(&commonmark)
            .iter()
            .any(|t| t.contains("**"))
    );
}
