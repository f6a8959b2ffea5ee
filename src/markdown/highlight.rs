//! Build-time syntax highlighting with CSS classes (syntect + the extra grammars from two-face),
//! and the generated light/dark stylesheet. The grammars load once, lazily, on the first
//! fenced block that names a language, so posts without code pay nothing.

use std::sync::OnceLock;

use super::highlight_cache::HighlightCache;
use super::line_memo::{LineMemo, State};

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Languages that mean "plain text": shown as-is, without a warning.
const PLAIN: &[&str] = &["text", "txt", "plain", "plaintext", "none", "output"];

#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
    cache: HighlightCache,
    lines: LineMemo,
}

pub enum Highlighted {
    Html(String),
    Plain,
    Unknown,
}

impl Highlighter {
    /// A highlighter that reuses (and updates) the disk cache at `path`.
    pub fn with_cache(path: Option<std::path::PathBuf>) -> Highlighter {
        Highlighter {
            syntaxes: OnceLock::new(),
            cache: HighlightCache::open(path),
            lines: LineMemo,
        }
    }

    /// Writes the cache back (see [`HighlightCache::save`]).
    pub fn save_cache(&self) {
        self.cache.save();
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(|| {
            let _t = crate::timings::phase("grammars load");
            two_face::syntax::extra_newlines()
        })
    }

    fn find(&self, lang: &str) -> Option<&SyntaxReference> {
        let ss = self.syntaxes();
        let lower = lang.to_ascii_lowercase();
        let alias = match lower.as_str() {
            "sh" | "shell" | "zsh" | "console" | "shell-session" | "terminal" => "bash",
            "js" | "mjs" | "cjs" => "js",
            "ts" | "mts" | "cts" => "ts",
            "docker" | "containerfile" => "dockerfile",
            "yml" => "yaml",
            "golang" => "go",
            "py3" | "python3" => "python",
            "c++" => "cpp",
            // CUDA is C++ with a few keywords more, as Rouge and Pygments treat it.
            "cuda" | "cu" => "cpp",
            // Liquid (Jekyll's templates) reads as Twig does: `{% tag %}` and `{{ x | f }}`
            // in HTML.
            "liquid" | "jinja" | "jinja2" => "twig",
            "c#" | "csharp" => "cs",
            "jsonc" | "json5" => "json",
            "rs" => "rust",
            other => other,
        };
        ss.find_syntax_by_token(alias)
            .or_else(|| ss.find_syntax_by_name(lang))
            .or_else(|| {
                ss.syntaxes()
                    .iter()
                    .find(|s| s.name.eq_ignore_ascii_case(alias))
            })
    }

    /// Highlights `code` as `lang`.
    pub fn highlight(&self, lang: &str, code: &str) -> Highlighted {
        if PLAIN.contains(&lang.to_ascii_lowercase().as_str()) {
            return Highlighted::Plain;
        }
        if let Some(html) = self.cache.get(lang, code) {
            return Highlighted::Html(html);
        }
        let Some(syntax) = self.find(lang) else {
            return Highlighted::Unknown;
        };
        let Some(html) = self.highlight_lines(syntax, code) else {
            return Highlighted::Unknown;
        };
        self.cache.put(lang, code, &html);
        Highlighted::Html(html)
    }

    /// What syntect's `ClassedHTMLGenerator` makes of `code`, line by line, with lines this
    /// build has already highlighted in the same state taken from the line memo.
    fn highlight_lines(&self, syntax: &SyntaxReference, code: &str) -> Option<String> {
        let ss = self.syntaxes();
        let mut state = State {
            parse: ParseState::new(syntax),
            scopes: ScopeStack::new(),
            open: 0,
        };
        let mut html = String::with_capacity(code.len() * 3);
        for line in LinesWithEndings::from(code) {
            if self.lines.get(&syntax.name, line, &mut state, &mut html) {
                continue;
            }
            let before = state.clone();
            let ops = state.parse.parse_line(line, ss).ok()?;
            let (part, delta) =
                line_tokens_to_classed_spans(line, &ops, STYLE, &mut state.scopes).ok()?;
            state.open += delta;
            self.lines.put(&syntax.name, line, before, &state, &part);
            html.push_str(&part);
        }
        for _ in 0..state.open {
            html.push_str("</span>");
        }
        Some(html)
    }
}

/// The stylesheet for highlighted code: `light` by default, `dark` under
/// `prefers-color-scheme: dark`. Theme names are syntect's built-in themes.
pub fn stylesheet(light: &str, dark: &str) -> Result<String, String> {
    let themes = ThemeSet::load_defaults();
    let get = |name: &str| {
        themes.themes.get(name).ok_or_else(|| {
            let mut names: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
            names.sort();
            format!(
                "unknown highlight theme `{name}`; available: {}",
                names.join(", ")
            )
        })
    };
    let css_of = |name: &str| {
        let theme = super::contrast::readable_theme(get(name)?);
        css_for_theme_with_class_style(&theme, STYLE).map_err(|e| e.to_string())
    };
    let (light_css, dark_css) = (css_of(light)?, css_of(dark)?);
    // Each scheme on its own: a scope only the light theme colours must not keep its light
    // colour on the dark background. The system's scheme applies unless the reader chose
    // the other with the theme's toggle (`data-theme` on <html>).
    let mut css = String::with_capacity(2 * (light_css.len() + dark_css.len()) + 256);
    css.push_str("@media not all and (prefers-color-scheme: dark) {\n");
    css.push_str(&scoped(&light_css, ":root:not([data-theme=\"dark\"])"));
    css.push_str("}\n");
    css.push_str(&scoped(&light_css, ":root[data-theme=\"light\"]"));
    css.push_str("@media (prefers-color-scheme: dark) {\n");
    css.push_str(&scoped(&dark_css, ":root:not([data-theme=\"light\"])"));
    css.push_str("}\n");
    css.push_str(&scoped(&dark_css, ":root[data-theme=\"dark\"]"));
    Ok(css)
}

/// `css` with `prefix` put before every selector of every rule (syntect's stylesheets are
/// flat rules and comments).
fn scoped(css: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(css.len() * 2);
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let head = &rest[..open];
        // A comment before the selectors stays as it is.
        let (comment, selectors) = match head.rfind("*/") {
            Some(end) => head.split_at(end + 2),
            None => ("", head),
        };
        out.push_str(comment);
        let list: Vec<String> = selectors
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| format!("{prefix} {s}"))
            .collect();
        out.push('\n');
        out.push_str(&list.join(",\n"));
        out.push_str(" {");
        out.push_str(&rest[open + 1..=close]);
        out.push('\n');
        rest = &rest[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_bloggers_use_are_known() {
        let h = Highlighter::default();
        for lang in [
            "rust",
            "rs",
            "python",
            "bash",
            "sh",
            "console",
            "toml",
            "ts",
            "typescript",
            "tsx",
            "dockerfile",
            "yaml",
            "json",
            "go",
            "kotlin",
            "swift",
            "sql",
            "diff",
            "html",
            "css",
            "js",
            "java",
            "c",
            "cpp",
            "cuda",
            "liquid",
        ] {
            assert!(
                matches!(h.highlight(lang, "x = 1\n"), Highlighted::Html(_)),
                "{lang} unknown"
            );
        }
    }

    #[test]
    fn remembered_lines_give_what_syntect_gives() {
        use syntect::html::ClassedHTMLGenerator;
        let h = Highlighter::default();
        let blocks = [
            ("rust", "fn main() {\n    let s = \"}\";\n}\n"),
            ("rust", "/* open\nfn main() {\n*/\nfn main() {\n}\n"),
            (
                "python",
                "def f():\n    return \"\"\"\nfn main() {\n\"\"\"\n",
            ),
            ("rust", "fn main() {\n}\n"),
            ("yaml", "a: |\n  fn main() {\nb: 1\n"),
        ];
        // Twice: the second round is served from the memo.
        for _ in 0..2 {
            for (lang, code) in blocks {
                let syntax = h.find(lang).unwrap();
                let mut g = ClassedHTMLGenerator::new_with_class_style(syntax, h.syntaxes(), STYLE);
                for line in LinesWithEndings::from(code) {
                    g.parse_html_for_line_which_includes_newline(line).unwrap();
                }
                assert_eq!(
                    h.highlight_lines(syntax, code).unwrap(),
                    g.finalize(),
                    "{code}"
                );
            }
        }
    }

    #[test]
    fn unknown_and_plain() {
        let h = Highlighter::default();
        assert!(matches!(
            h.highlight("no-such-lang", "x"),
            Highlighted::Unknown
        ));
        assert!(matches!(h.highlight("text", "x"), Highlighted::Plain));
    }

    #[test]
    fn highlighting_uses_prefixed_classes() {
        let Highlighted::Html(html) = Highlighter::default().highlight("rust", "fn main() {}\n")
        else {
            panic!("rust not highlighted");
        };
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn stylesheet_has_both_schemes() {
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        assert!(css.contains(".hl-code"));
        assert!(css.contains("prefers-color-scheme: dark"));
        // Every rule is scoped to a scheme, so the toggle's choice wins over the system's.
        for rule in css.split('}').filter(|r| r.contains('{')) {
            let head = rule.split('{').next().unwrap();
            let head = head.rsplit("*/").next().unwrap().trim();
            let head = head.trim_start_matches("@media not all and (prefers-color-scheme: dark)");
            let head = head
                .trim_start_matches("@media (prefers-color-scheme: dark)")
                .trim();
            for sel in head.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                assert!(sel.starts_with(":root"), "unscoped `{sel}`");
            }
        }
        assert!(css.contains(":root[data-theme=\"dark\"] .hl-code"));
        assert!(
            stylesheet("nope", "base16-ocean.dark")
                .unwrap_err()
                .contains("InspiredGitHub")
        );
    }
}
