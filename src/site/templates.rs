//! Tera set-up: the theme's templates compiled once, plus hoego's filter and functions:
//! `date_local`, `url_for` and `tr`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::error::Error as _;

use jiff::tz::TimeZone;
use serde_json::Value;
use tera::Tera;

use super::Base;
use crate::error::{Diagnostic, Errors};
use crate::i18n;
use crate::theme::Theme;

pub fn load(
    theme: &Theme,
    base: &Base,
    language: &str,
    timezone: &str,
    labels: &BTreeMap<String, String>,
) -> Result<Tera, Errors> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    // The built-in theme's templates come parsed (`template_ast`); Tera parses the others,
    // then links every template to its parents and checks the macro imports over all of
    // them. `Tera::templates` is public but hidden from Tera's documentation; the lock file
    // holds 1.20.1, the last 1.x release.
    let mut sources: Vec<(&str, &str)> = Vec::new();
    for (name, f) in &theme.templates {
        match super::template_ast::built_in(name, &f.text) {
            Some(parsed) => {
                tera.templates.insert(name.clone(), parsed);
            }
            None => sources.push((name, &f.text)),
        }
    }
    if let Err(e) = tera.add_raw_templates(sources) {
        return Err(Errors::one(template_error(theme, &e, None)));
    }
    super::template_cycles::check(&tera, theme)?;
    register(&mut tera, base, language, timezone, labels);
    Ok(tera)
}

fn register(
    tera: &mut Tera,
    base: &Base,
    language: &str,
    timezone: &str,
    labels: &BTreeMap<String, String>,
) {
    // Tera's own `escape_xml` copies the string out of the value and pushes it a character
    // at a time; feeds escape the whole content of every post they carry (the site's feed,
    // and one per tag and category), which made it a tenth of a small site's build. The
    // memo escapes each post's content once, however many feeds carry it.
    let memo = super::escape_memo::EscapeMemo::default();
    tera.register_filter(
        "escape_xml",
        move |value: &Value, _: &HashMap<String, Value>| match value.as_str() {
            Some(s) => Ok(Value::String(memo.escape(s))),
            None => Err(tera::Error::msg(format!(
                "escape_xml: the value must be a string, not {value}"
            ))),
        },
    );
    // HTML in a feed as a CDATA section, as jekyll-feed writes it: copied as it is, where
    // escaping made every tag in a post's content several bytes longer (a sixth of the
    // feeds' size on a blog with highlighted code) and cost a pass over every byte.
    tera.register_filter(
        "cdata",
        |value: &Value, _: &HashMap<String, Value>| match value.as_str() {
            Some(s) => Ok(Value::String(super::xml_text::cdata(s))),
            None => Err(tera::Error::msg(format!(
                "cdata: the value must be a string, not {value}"
            ))),
        },
    );
    let lang = language.to_string();
    let tz = crate::tz::get(timezone).unwrap_or(TimeZone::UTC);
    tera.register_filter(
        "date_local",
        move |value: &Value, args: &HashMap<String, Value>| {
            let Some(text) = value.as_str() else {
                return Ok(Value::String(String::new()));
            };
            if text.is_empty() {
                return Ok(Value::String(String::new()));
            }
            let format = args.get("format").and_then(Value::as_str).unwrap_or("long");
            let ts: jiff::Timestamp = text.parse().map_err(|e| {
                tera::Error::msg(format!("date_local: `{text}` is not an RFC 3339 date: {e}"))
            })?;
            Ok(Value::String(i18n::format_date(
                &ts.to_zoned_datetime(tz.clone()),
                format,
                &lang,
            )))
        },
    );

    let base_fn = base.clone();
    tera.register_function("url_for", move |args: &HashMap<String, Value>| {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("url_for needs `path`"))?;
        let absolute = args
            .get("absolute")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let site_path = format!("/{}", path.trim_start_matches('/'));
        Ok(Value::String(if absolute {
            base_fn.absolute(&site_path)
        } else {
            base_fn.href(&site_path)
        }))
    });

    let labels = labels.clone();
    tera.register_function("tr", move |args: &HashMap<String, Value>| {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("tr needs `key`"))?;
        let n = args.get("n").and_then(Value::as_f64);
        let template = i18n::plural(&labels, key, n).ok_or_else(|| {
            tera::Error::msg(format!(
                "unknown label `{key}`; labels: {}",
                labels.keys().cloned().collect::<Vec<_>>().join(", ")
            ))
        })?;
        let fills: Vec<(&str, String)> = args
            .iter()
            .filter(|(k, _)| k.as_str() != "key")
            .map(|(k, v)| {
                let s = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.as_str(), s)
            })
            .collect();
        Ok(Value::String(i18n::fill(template, &fills)))
    });
}

/// A template uses `site.retrospectives`.
pub const USES_RETROSPECTIVES: u8 = 1;
/// A template uses `site.years`.
pub const USES_YEARS: u8 = 2;

/// Templates that use `site.retrospectives` or `site.years` (a mask of [`USES_RETROSPECTIVES`]
/// and [`USES_YEARS`]), directly or through the templates they name (extend, include,
/// import). Only those get the (large) lists: every other render copies a small `site`.
pub fn using_full_site(theme: &Theme) -> HashMap<String, u8> {
    // `site.retrospectives_url` is not the list.
    let names = |text: &str, name: &str| {
        text.match_indices(name).any(|(i, _)| {
            !text[i + name.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        })
    };
    let own = |text: &str| {
        let mut mask = 0;
        if names(text, "site.retrospectives") {
            mask |= USES_RETROSPECTIVES;
        }
        if names(text, "site.years") {
            mask |= USES_YEARS;
        }
        mask
    };
    let mut needs: HashMap<String, u8> = theme
        .templates
        .iter()
        .map(|(name, f)| (name.clone(), own(&f.text)))
        .collect();
    // What a template names, it needs too: until nothing changes.
    loop {
        let mut changed = false;
        for (name, f) in &theme.templates {
            let inherited = needs
                .iter()
                .filter(|(other, mask)| {
                    **mask != 0
                        && (f.text.contains(&format!("\"{other}\""))
                            || f.text.contains(&format!("'{other}'")))
                })
                .fold(0, |acc, (_, mask)| acc | mask);
            let mask = needs.get(name).copied().unwrap_or(0);
            if mask | inherited != mask {
                needs.insert(name.clone(), mask | inherited);
                changed = true;
            }
        }
        if !changed {
            needs.retain(|_, mask| *mask != 0);
            return needs;
        }
    }
}

/// The names the theme's templates can read from a page's data, when that can be told from
/// their text: every identifier they mention (`post.word_count`, `post["word_count"]`).
/// `None` when a template reads fields by a computed name or dumps whole objects
/// (`json_encode`, `get(key=…)`, `post[name]`): then any field may matter. `serve` uses it
/// to tell whether a listing shows what changed in a post (the default theme's lists do not
/// show word counts, so typing in a post does not re-render its tag pages).
pub fn mentioned_names(theme: &Theme) -> Option<HashSet<String>> {
    let mut names = HashSet::new();
    for f in theme.templates.values() {
        let text = f.text.as_str();
        if reads_by_computed_name(text) {
            return None;
        }
        names.extend(
            text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .map(str::to_string),
        );
    }
    Some(names)
}

/// Whether a template reads fields by a computed name or dumps whole objects
/// (`json_encode`, `get(key=…)`, `post[name]`, `__tera_context`).
pub fn reads_by_computed_name(text: &str) -> bool {
    ["json_encode", "get(", "__tera_context"]
        .iter()
        .any(|d| text.contains(d))
        || indexes_by_variable(text)
}

/// Whether `name[` is followed by something other than a quoted string or a number.
fn indexes_by_variable(text: &str) -> bool {
    text.match_indices('[').any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + 1..].trim_start().chars().next();
        before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && after.is_some_and(|c| !(c == '"' || c == '\'' || c.is_ascii_digit()))
    })
}

/// A template error, with the file the template came from and the line when Tera gives one.
pub fn template_error(theme: &Theme, e: &tera::Error, rendering: Option<&str>) -> Diagnostic {
    let chain = error_chain(e);
    let name = mentioned_template(&chain, theme);
    let origin = name
        .and_then(|n| theme.templates.get(n))
        .map(|f| f.origin.clone())
        .unwrap_or_else(|| "templates".into());
    let mut message = chain.clone();
    if let Some(what) = rendering {
        message = format!("{message} (while rendering {what})");
    }
    let d = Diagnostic::new(origin, message);
    match line_in(&chain) {
        Some((line, col)) => d.at(line, Some(col)),
        None => d,
    }
}

fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.contains(&text) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

/// The last template named in quotes in the chain: the innermost one that failed.
fn mentioned_template<'a>(chain: &str, theme: &'a Theme) -> Option<&'a str> {
    theme
        .templates
        .keys()
        .filter_map(|name| {
            chain
                .rfind(&format!("'{name}'"))
                .map(|pos| (pos, name.as_str()))
        })
        .max_by_key(|(pos, _)| *pos)
        .map(|(_, name)| name)
}

/// Tera parse errors carry `--> line:col`.
fn line_in(chain: &str) -> Option<(usize, usize)> {
    let rest = &chain[chain.find("--> ")? + 4..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(rest.len());
    let (line, col) = rest[..end].split_once(':')?;
    Some((line.parse().ok()?, col.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::TemplateFile;

    #[test]
    fn listings_compare_only_the_names_templates_mention() {
        let mut theme = Theme::default();
        theme.templates.insert(
            "tag.html".into(),
            TemplateFile {
                origin: "tag.html".into(),
                text: "{% for p in posts %}{{ p.title }} {{ p[\"url\"] }}{% endfor %}".into(),
            },
        );
        let names = mentioned_names(&theme).unwrap();
        assert!(names.contains("title") && names.contains("url"));
        assert!(!names.contains("word_count"));
        // A field read by a computed name: any field may matter.
        theme.templates.insert(
            "x.html".into(),
            TemplateFile {
                origin: "x.html".into(),
                text: "{% for k in keys %}{{ post[k] }}{% endfor %}".into(),
            },
        );
        assert!(mentioned_names(&theme).is_none());
    }

    #[test]
    fn only_templates_that_use_the_lists_get_them() {
        let mut theme = Theme::default();
        for (name, text) in [
            (
                "base.html",
                "{{ site.retrospectives_url }}{% block content %}{% endblock %}",
            ),
            ("post.html", "{% extends \"base.html\" %}"),
            (
                "macros.html",
                "{% macro cal() %}{{ site.years | length }}{% endmacro %}",
            ),
            (
                "archive.html",
                "{% extends \"base.html\" %}{% import \"macros.html\" as m %}",
            ),
            (
                "retrospectives.html",
                "{% for r in site.retrospectives %}{% endfor %}",
            ),
        ] {
            theme.templates.insert(
                name.into(),
                TemplateFile {
                    origin: name.into(),
                    text: text.into(),
                },
            );
        }
        let mut names: Vec<(String, u8)> = using_full_site(&theme).into_iter().collect();
        names.sort();
        assert_eq!(
            names,
            [
                ("archive.html".into(), USES_YEARS),
                ("macros.html".into(), USES_YEARS),
                ("retrospectives.html".into(), USES_RETROSPECTIVES),
            ]
        );
    }
}
