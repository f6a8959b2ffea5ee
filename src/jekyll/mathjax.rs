//! Whether a Jekyll blog's own layouts typeset `$…$` as math on every page. Many Korean
//! blogs paste a MathJax snippet (`_includes/mathjax_support.html`, with `inlineMath:
//! [['$','$']]`) into their default layout, so a `$x_i$` in any post is a formula on the
//! live site without the post saying `use_math`. hoego then reads `$…$` as math on every
//! page, as `[markdown] math` does. Where the snippet is included only when a page asks
//! (`{% if page.use_math %}`), the page's own `use_math` already turns math on.

use std::path::Path;

/// The folders whose templates are read, how deep, and the largest file read.
const FOLDERS: &[&str] = &["_includes", "_layouts"];
const DEPTH: usize = 3;
const MAX_BYTES: u64 = 256 * 1024;

/// Liquid that makes a template's math depend on the page.
const ASKS: &[&str] = &[
    "page.math",
    "page.use_math",
    "page.usemath",
    "page.mathjax",
    "page.katex",
    "layout.math",
    "layout.use_math",
    "layout.mathjax",
];

/// Whether some template under the site's `_layouts` or `_includes` sets `$` as MathJax's
/// (or KaTeX's) inline delimiter where no page setting decides it: in a layout, or in an
/// include that a template includes without one.
pub fn dollars_everywhere(root: &Path) -> bool {
    let templates = read(root);
    templates.iter().any(|(folder, name, text)| {
        if !dollar_inline(text) || asks(text) {
            return false;
        }
        if *folder == "_layouts" {
            return true;
        }
        let includers: Vec<&str> = templates
            .iter()
            .filter(|(_, _, t)| includes(t, name))
            .map(|(_, _, t)| t.as_str())
            .collect();
        !includers.is_empty() && !includers.iter().any(|t| asks(t))
    })
}

/// Every template: its folder, its name inside it (`/`-separated, as `{% include %}`
/// names it) and its text. Nothing is read through a link.
fn read(root: &Path) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    for folder in FOLDERS {
        let dir = root.join(folder);
        let walk = walkdir::WalkDir::new(&dir)
            .follow_root_links(false)
            .max_depth(DEPTH);
        for entry in walk.into_iter().filter_map(Result::ok) {
            if !entry.file_type().is_file()
                || entry.metadata().map_or(true, |m| m.len() > MAX_BYTES)
            {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let Ok(rel) = entry.path().strip_prefix(&dir) else {
                continue;
            };
            let name: Vec<String> = rel
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            out.push((*folder, name.join("/"), text));
        }
    }
    out
}

fn asks(text: &str) -> bool {
    ASKS.iter().any(|a| text.contains(a))
}

/// `inlineMath: [['$', '$'], …]` (MathJax 2 and 3), or KaTeX auto-render's
/// `{left: "$", right: "$", display: false}`.
fn dollar_inline(text: &str) -> bool {
    let quoted_dollar = |s: &str| s.contains("'$'") || s.contains("\"$\"");
    let near = |at: usize, len: usize| {
        let end = text.len().min(at + len);
        let end = (end..=text.len())
            .find(|&e| text.is_char_boundary(e))
            .unwrap_or(text.len());
        &text[at..end]
    };
    let mathjax = text.match_indices("inlineMath").any(|(at, _)| {
        let after = near(at, 200);
        // The setting's own list: up to the `]]` that closes it.
        let list = after.find("]]").map_or(after, |end| &after[..end]);
        quoted_dollar(list)
    });
    let katex = text.match_indices("left:").any(|(at, _)| {
        let entry = near(at, 80);
        let entry = entry.find('}').map_or(entry, |end| &entry[..end]);
        let left = entry.split(',').next().unwrap_or("");
        quoted_dollar(left) && entry.contains("false")
    });
    mathjax || katex
}

/// Whether `text` has `{% include NAME %}` (or `include_cached`) for this include.
fn includes(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].trim_end();
        let after = &text[at + name.len()..];
        (before.ends_with("include") || before.ends_with("include_cached"))
            && after.starts_with(|c: char| c.is_whitespace() || c == '%' || c == '-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    const SNIPPET: &str = "<script type=\"text/x-mathjax-config\">\n  MathJax.Hub.Config({\n    tex2jax: {\n      inlineMath: [ ['$', '$'] ],\n      displayMath: [ ['$$', '$$'] ],\n    }\n  });\n</script>\n";

    #[test]
    fn a_snippet_the_default_layout_includes_is_site_wide() {
        let s = site(&[
            ("_includes/mathjax_support.html", SNIPPET),
            (
                "_layouts/default.html",
                "<head>{% include mathjax_support.html %}</head>{{ content }}",
            ),
        ]);
        assert!(dollars_everywhere(s.path()));
        // In the layout itself, too.
        let s = site(&[("_layouts/default.html", SNIPPET)]);
        assert!(dollars_everywhere(s.path()));
    }

    #[test]
    fn a_snippet_a_page_asks_for_is_not() {
        let s = site(&[
            ("_includes/mathjax_support.html", SNIPPET),
            (
                "_includes/head.html",
                "{% if page.use_math %}\n{% include mathjax_support.html %}\n{% endif %}",
            ),
        ]);
        assert!(!dollars_everywhere(s.path()));
        let asked = format!("{{% if page.math %}}{SNIPPET}{{% endif %}}");
        let s = site(&[("_layouts/default.html", asked.as_str())]);
        assert!(!dollars_everywhere(s.path()));
        // Included by nothing, it loads nowhere.
        let s = site(&[("_includes/mathjax_support.html", SNIPPET)]);
        assert!(!dollars_everywhere(s.path()));
    }

    #[test]
    fn only_a_dollar_as_inline_delimiter_counts() {
        assert!(dollar_inline(
            "MathJax = { tex: { inlineMath: [[\"$\", \"$\"], [\"\\\\(\", \"\\\\)\"]] } };"
        ));
        assert!(!dollar_inline(
            "inlineMath: [['\\\\(', '\\\\)']], displayMath: [['$$', '$$']]"
        ));
        assert!(dollar_inline(
            "renderMathInElement(document.body, {delimiters: [{left: \"$\", right: \"$\", display: false}]})"
        ));
        assert!(!dollar_inline(
            "delimiters: [{left: \"$$\", right: \"$$\", display: true}]"
        ));
        assert!(!dollar_inline("no math here"));
    }
}
