//! Property tests: front matter, Markdown, dates, config and output paths, fed text built
//! from the pieces that break parsers (fences, brackets, quotes, NULs, Hangul, `..`), must
//! never panic, and paths that pass the checks must stay inside the output folder.
//! `PROPTEST_CASES=5000 cargo test --test no_panics` runs a longer search.

use std::path::Path;

use hoego::config::{Config, MarkdownConfig};
use hoego::content::{date, front_matter};
use hoego::markdown::{self, RenderOptions, highlight::Highlighter};
use hoego::output::confine;
use hoego::site::permalink;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "---\n",
    "+++\n",
    "...\n",
    "title: ",
    "date: ",
    "tags: [",
    "]",
    "{",
    "}",
    "\"",
    "'",
    ":",
    "\n",
    "  ",
    "\t",
    "- ",
    "# ",
    "## ",
    "**",
    "*",
    "_",
    "~~",
    "`",
    "```rust\n",
    "```\n",
    "~~~ts\n",
    "- [x] ",
    "- [ ] ",
    "| a | b |\n|---|---|\n",
    "|---+---|\n",
    "|===|\n",
    "| 가 |\n",
    "*[HTML]: 뜻\n",
    "*[",
    "HTML",
    "<!--",
    "-->",
    "<br>\n",
    "---\n",
    "<div markdown = \"1\">\n",
    "<details>\n",
    "</details>\n",
    "</style>\n",
    "[^1]",
    "[^1]: 주석\n",
    "<div>",
    "</div>",
    "<!-- more -->",
    "> [!NOTE]\n",
    "{#id}",
    "2023-12-31",
    "2023-02-30 25:61",
    "+0900",
    "회고",
    "**강조**는",
    "한글",
    "😀",
    "\u{0}",
    "\r\n",
    "\u{feff}",
    "&amp;",
    "<script>",
    "](../a.md)",
    "](./그림.png)",
    "{: .filepath}",
    "14. ",
    "![",
    "](",
    "[",
    "/../",
    "..",
    "permalink: ",
    "slug: ",
    "draft: ",
    "true",
    "maybe",
    "1.5",
    "= ",
    "[[",
    "]]",
    "\\",
    "%2e%2e",
    "&#0;",
    "$$",
    "{% raw %}",
    "{{ page.title }}",
    "\u{200b}",
    "\u{301}",
    "ㄱ",
    "가\u{11a8}",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-z가-힣 ]{0,12}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn render(body: &str, config: &MarkdownConfig, highlighter: &Highlighter) -> markdown::Rendered {
    let resolve = |_: &str| None;
    markdown::render(
        body,
        &RenderOptions {
            config,
            highlighter,
            resolve_link: &resolve,
            take_title_from_h1: true,
            math: true,
            language: "ko",
            kramdown: true,
            media_subpath: Some("/assets/img/"),
        },
    )
}

proptest! {
    #[test]
    fn front_matter_never_panics_and_lines_are_in_the_file(input in text()) {
        match front_matter::parse(Path::new("p.md"), &input) {
            Ok(parsed) => {
                let lines = input.lines().count() + 1;
                prop_assert!(parsed.body_line <= lines + 1);
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in errors {
                    prop_assert_eq!(e.path.as_path(), Path::new("p.md"));
                }
            }
        }
    }

    #[test]
    fn markdown_never_panics(input in text(), hard_breaks in any::<bool>(), smart in any::<bool>()) {
        let config = MarkdownConfig {
            hard_breaks,
            smart_punctuation: smart,
            ..MarkdownConfig::default()
        };
        let highlighter = Highlighter::with_cache(None);
        let out = render(&input, &config, &highlighter);
        prop_assert!(out.summary.len() <= out.html.len() + input.len() + 64);
    }

    #[test]
    fn dates_never_panic(input in text()) {
        let tz = jiff::tz::TimeZone::get("Asia/Seoul").unwrap();
        let _ = date::parse_date(&input, &tz);
        let _ = date::date_prefix(&input);
    }

    #[test]
    fn config_never_panics(input in text()) {
        let _ = Config::parse(&input);
    }

    #[test]
    fn checked_output_paths_stay_inside(input in text()) {
        if let Ok(path) = confine::resolve_site_path(&input) {
            prop_assert!(path.starts_with('/'));
            prop_assert!(!path.split('/').any(|s| s == ".." || s == "."));
            let (_, out) = permalink::output_file(&path);
            if confine::check_rel(&out).is_ok() {
                prop_assert!(!out.starts_with('/'));
                prop_assert!(!out.split('/').any(|s| s == ".." || s.is_empty() || s.contains('\0')));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whole posts through the real loader and renderer: a build fails or succeeds, never
    /// panics.
    #[test]
    fn whole_sites_never_panic(posts in prop::collection::vec(text(), 1..4)) {
        // SAFETY: no other test of this binary reads or writes the environment.
        unsafe { std::env::set_var("HOEGO_NO_CACHE", "1") };
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/posts")).unwrap();
        for (i, p) in posts.iter().enumerate() {
            std::fs::write(root.join(format!("content/posts/2024-01-0{}-p{i}.md", i + 1)), p).unwrap();
        }
        let opts = hoego::site::BuildOptions {
            root: root.to_path_buf(),
            base_url: None,
            drafts: true,
            future: true,
        };
        if let Ok(site) = hoego::site::Site::load(&opts) {
            let _ = hoego::site::render::render_site(&site);
        }
    }
}
