//! The fields of a listed post a template can read, told from the theme's text.
//!
//! A listing's posts reach a template through a variable the theme names itself
//! (`{% for post in posts %}`, a macro's parameter), so any field read on any variable may
//! be a row's — except reads on `page`, `site`, `t` and `loop`, which are never rows unless
//! the theme binds one of those names itself. A quoted string counts where it names a
//! field (`map(attribute="title")`, `post["title"]`, `"title" in post`), not elsewhere
//! (`url_for(path="tags/")`). A template can read what its own text, its parents, the
//! templates it includes and the macros it calls (by name, in any file) read. A theme that
//! reads fields by a computed name, dumps whole objects or walks a row's keys gets every
//! field everywhere.

use std::collections::{HashMap, HashSet};

use super::templates::reads_by_computed_name;
use crate::theme::Theme;

/// Top-level names that never hold a listed post.
const NOT_ROWS: &[&str] = &["page", "site", "t", "loop"];

/// A piece of a template file: its text outside macros, or one macro.
#[derive(Default)]
struct Unit<'t> {
    segments: Vec<&'t str>,
    /// Names its macro parameters bind (a macro sees only those and its own variables).
    params: Vec<&'t str>,
    parent: Option<&'t str>,
    includes: Vec<&'t str>,
    calls: Vec<&'t str>,
}

/// For each template, the names a row may be read by; `None` when the theme may read any
/// field of a row anywhere.
pub fn row_fields(theme: &Theme) -> Option<HashMap<String, HashSet<String>>> {
    // (file, macro name or "" for the text outside macros) → unit.
    let mut units: HashMap<(&str, &str), Unit> = HashMap::new();
    let mut macros: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
    // A loop or `set` that binds a top-level name makes it a possible row everywhere (an
    // included template sees the loop's variable).
    let mut bound_everywhere: HashSet<&str> = HashSet::new();
    for (name, f) in &theme.templates {
        if reads_by_computed_name(&f.text) {
            return None;
        }
        let file = name.as_str();
        let mut current = "";
        for s in code_segments(&f.text) {
            let b = bindings(s)?;
            match tag_name(s) {
                "macro" => {
                    current = macro_name(s);
                    macros.entry(current).or_default().push((file, current));
                    units.entry((file, current)).or_default().params = b;
                    continue;
                }
                "endmacro" => {
                    current = "";
                    continue;
                }
                _ => bound_everywhere.extend(b),
            }
            let unit = units.entry((file, current)).or_default();
            match tag_name(s) {
                "extends" => unit.parent = quoted(s).into_iter().next(),
                "include" => unit.includes.extend(quoted(s)),
                _ => {}
            }
            unit.calls.extend(calls(s));
            unit.segments.push(s);
        }
    }
    let mut out = HashMap::new();
    for name in theme.templates.keys() {
        let mut names = HashSet::new();
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        let mut todo = vec![(name.as_str(), "")];
        while let Some(key) = todo.pop() {
            if !seen.insert(key) {
                continue;
            }
            let Some(unit) = units.get(&key) else {
                continue;
            };
            let not_rows = |base: &str| {
                NOT_ROWS.contains(&base)
                    && !bound_everywhere.contains(base)
                    && !unit.params.contains(&base)
            };
            for s in &unit.segments {
                read_names(s, &not_rows, &mut names);
            }
            todo.extend(unit.parent.iter().chain(&unit.includes).map(|f| (*f, "")));
            for call in &unit.calls {
                todo.extend(macros.get(call).into_iter().flatten().copied());
            }
        }
        out.insert(name.clone(), names);
    }
    Some(out)
}

/// `post_rows` in `macro post_rows(posts, date_format="long")`.
fn macro_name(segment: &str) -> &str {
    let rest = segment[tag_name(segment).len()..].trim_start();
    rest.split(|c: char| !word_char(c)).next().unwrap_or("")
}

/// The quoted strings of a segment: the templates `extends` and `include` name.
fn quoted(segment: &str) -> Vec<&str> {
    segment.split(['"', '\'']).skip(1).step_by(2).collect()
}

/// The macros a segment calls: `name` in `m::name(` and `self::name(`.
fn calls(segment: &str) -> Vec<&str> {
    segment
        .match_indices("::")
        .filter_map(|(i, _)| {
            let rest = &segment[i + 2..];
            let end = rest.find(|c: char| !word_char(c)).unwrap_or(rest.len());
            rest[end..]
                .trim_start()
                .starts_with('(')
                .then_some(&rest[..end])
        })
        .collect()
}

/// The insides of `{{ … }}` and `{% … %}`, comments left out.
fn code_segments(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let close = match rest[open + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                rest = &rest[open + 1..];
                continue;
            }
        };
        let inner = &rest[open + 2..];
        let end = inner.find(close).unwrap_or(inner.len());
        if close != "#}" {
            out.push(inner[..end].trim_matches('-').trim());
        }
        rest = &inner[(end + close.len()).min(inner.len())..];
    }
    out
}

/// The first word of a `{% … %}` segment.
fn tag_name(segment: &str) -> &str {
    segment.split_whitespace().next().unwrap_or("")
}

/// The names a segment binds: a loop's variables, `set`'s target, a macro's parameters.
/// `None` when it walks the keys of something that may be a row (`for k, v in post`).
fn bindings(segment: &str) -> Option<Vec<&str>> {
    let rest = segment[tag_name(segment).len()..].trim_start();
    let ident = |s: &&str| !s.is_empty() && s.chars().all(word_char);
    Some(match tag_name(segment) {
        "for" => {
            let (vars, container) = rest.split_once(" in ").unwrap_or((rest, ""));
            let vars: Vec<&str> = vars.split(',').map(str::trim).filter(ident).collect();
            if vars.len() > 1 {
                // Keys and values: fine on `page.extra` or `site.*`, not on anything else.
                let path = container.trim_start();
                let path = &path[..path
                    .find(|c: char| !(word_char(c) || c == '.'))
                    .unwrap_or(path.len())];
                let mut parts = path.split('.');
                let base = parts.next().unwrap_or("");
                if !(NOT_ROWS.contains(&base) && parts.next().is_some()) {
                    return None;
                }
            }
            vars
        }
        "set" | "set_global" => rest
            .split('=')
            .next()
            .map(str::trim)
            .filter(ident)
            .into_iter()
            .collect(),
        "macro" => {
            let params = rest.split_once('(').map_or("", |(_, p)| p);
            let params = params.rsplit_once(')').map_or(params, |(p, _)| p);
            params
                .split(',')
                .filter_map(|p| p.split('=').next())
                .map(str::trim)
                .filter(ident)
                .collect()
        }
        _ => Vec::new(),
    })
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Adds the names `segment` may read on a row: the fields of every dotted path whose base
/// is not one of `not_rows`, and the words of a quoted string used as a field's name (a
/// subscript `post["slug"]`, a filter's `attribute="slug"`, a test `"slug" in post`).
fn read_names(segment: &str, not_rows: &dyn Fn(&str) -> bool, names: &mut HashSet<String>) {
    let mut code = String::with_capacity(segment.len());
    let mut quote: Option<(char, usize)> = None;
    for (i, c) in segment.char_indices() {
        match quote {
            Some((q, open)) if c == q => {
                quote = None;
                let before = code.trim_end();
                let after = segment[i + 1..].trim_start();
                let names_a_field = before.ends_with('[')
                    || before
                        .strip_suffix('=')
                        .is_some_and(|b| b.trim_end().ends_with("attribute"))
                    || after.starts_with("in ")
                    || after.starts_with("not in ");
                if names_a_field {
                    names.extend(
                        segment[open + 1..i]
                            .split(|c: char| !word_char(c))
                            .filter(|w| !w.is_empty())
                            .map(str::to_string),
                    );
                }
                code.push(' ');
            }
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some((c, i)),
            None => code.push(c),
        }
    }
    for chain in code.split(|c: char| !(word_char(c) || c == '.')) {
        let mut parts = chain.split('.');
        let base = parts.next().unwrap_or("");
        // `.name` after `]` or `)`: whatever it is read on may be a row.
        if !base.is_empty() && not_rows(base) {
            continue;
        }
        names.extend(parts.filter(|p| !p.is_empty()).map(str::to_string));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::TemplateFile;

    fn theme(files: &[(&str, &str)]) -> Theme {
        let mut theme = Theme::default();
        for (name, text) in files {
            theme.templates.insert(
                name.to_string(),
                TemplateFile {
                    origin: name.into(),
                    text: text.to_string(),
                },
            );
        }
        theme
    }

    /// The row fields `template` can read, sorted.
    fn fields(files: &[(&str, &str)], template: &str) -> Option<Vec<String>> {
        let mut v: Vec<String> = row_fields(&theme(files))?
            .remove(template)
            .unwrap()
            .into_iter()
            .filter(|n| super::super::row::FIELDS.contains(&n.as_str()))
            .collect();
        v.sort();
        Some(v)
    }

    #[test]
    fn reads_on_loop_variables_count_and_reads_on_the_page_do_not() {
        let got = fields(
            &[(
                "list.html",
                "{{ page.word_count }}{{ site.author }}{% for post in posts %}\
                 <a href=\"{{ post.url }}\">{{ post.title }}</a>{{ post.tags | length }}\
                 {% endfor %}{# post.summary #}",
            )],
            "list.html",
        );
        assert_eq!(got.unwrap(), ["tags", "title", "url"]);
    }

    #[test]
    fn quoted_names_and_paths_after_an_index_count() {
        let got = fields(
            &[(
                "x.html",
                "{{ posts | map(attribute=\"slug\") | join(sep=\",\") }}{{ posts[0].draft }}\
                 {{ (posts | first).author }}{{ posts.0.lang }}{{ post[\"image\"] }}\
                 {% if \"pinned\" in post %}{% endif %}{{ url_for(path=\"tags/\") }}\
                 {{ tr(key=\"summary\") }}",
            )],
            "x.html",
        );
        // Not `tags` or `summary`: those strings name a path and a label, not a field.
        assert_eq!(
            got.unwrap(),
            ["author", "draft", "image", "lang", "pinned", "slug"]
        );
    }

    #[test]
    fn a_template_reads_through_its_parents_includes_and_the_macros_it_calls() {
        let files = [
            (
                "base.html",
                "{% include \"foot.html\" %}{% block content %}{% endblock %}",
            ),
            (
                "foot.html",
                "{% for p in recent %}{{ p.updated }}{% endfor %}",
            ),
            (
                "macros.html",
                "{% macro rows(posts) %}{% for post in posts %}{{ post.title }}\
                 {{ self::when(post=post) }}{% endfor %}{% endmacro rows %}\
                 {% macro when(post) %}{{ post.date }}{% endmacro when %}\
                 {% macro cards(posts) %}{% for post in posts %}{{ post.summary }}\
                 {% endfor %}{% endmacro cards %}",
            ),
            (
                "tag.html",
                "{% extends \"base.html\" %}{% import \"macros.html\" as m %}\
                 {% block content %}{{ m::rows(posts=posts) }}{% endblock %}",
            ),
            (
                "index.html",
                "{% import \"macros.html\" as m %}{{ m::cards(posts=posts) }}",
            ),
        ];
        assert_eq!(
            fields(&files, "tag.html").unwrap(),
            ["date", "title", "updated"]
        );
        assert_eq!(fields(&files, "index.html").unwrap(), ["summary"]);
    }

    #[test]
    fn a_rebound_page_is_a_possible_row() {
        // A loop variable named `page`: anything read on `page` may be a row's, in any file.
        let files = [
            (
                "a.html",
                "{% for page in posts %}{% include \"b.html\" %}{% endfor %}",
            ),
            ("b.html", "{{ page.summary }}"),
        ];
        assert_eq!(fields(&files, "a.html").unwrap(), ["summary"]);
        // A macro's parameter named `page`: only in that macro.
        let files = [
            (
                "m.html",
                "{% macro meta(page) %}{{ page.reading_time }}{% endmacro meta %}{{ page.image }}",
            ),
            ("list.html", "{{ page.word_count }}{{ m::meta(page=post) }}"),
        ];
        assert_eq!(fields(&files, "list.html").unwrap(), ["reading_time"]);
    }

    #[test]
    fn the_default_themes_lists_read_what_they_show() {
        let theme = Theme::resolve(
            std::path::Path::new("/nonexistent"),
            &crate::config::Config::default(),
        )
        .unwrap();
        let fields = row_fields(&theme).unwrap();
        let home = &fields["index.html"];
        for shown in [
            "title", "url", "date", "summary", "tags", "has_more", "draft", "lang",
        ] {
            assert!(home.contains(shown), "{shown}");
        }
        // The archive and a tag's page show rows of date and title.
        for template in ["archive.html", "tag.html"] {
            let rows = &fields[template];
            for shown in ["title", "url", "date", "draft", "lang"] {
                assert!(rows.contains(shown), "{template}: {shown}");
            }
            for unread in [
                "summary",
                "tags",
                "word_count",
                "source",
                "content",
                "related",
            ] {
                assert!(!rows.contains(unread), "{template}: {unread}");
            }
        }
    }

    #[test]
    fn themes_that_read_any_field_get_every_field() {
        for text in [
            "{{ post | json_encode }}",
            "{% for k in keys %}{{ post[k] }}{% endfor %}",
            "{% for k, v in post %}{{ k }}{% endfor %}",
            "{{ get(key=name) }}",
        ] {
            assert!(fields(&[("x.html", text)], "x.html").is_none(), "{text}");
        }
        // Walking `page.extra` reads no row.
        let walk = "{% for k, v in page.extra %}{{ k }}{% endfor %}";
        assert!(fields(&[("x.html", walk)], "x.html").is_some());
    }
}
