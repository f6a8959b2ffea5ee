//! Front matter: split a file into metadata and body, parse YAML (`---`) or TOML (`+++`),
//! and read the keys Jekyll, Hugo and Zola users write. Unknown keys are kept as `extra`.

use std::path::Path;

use serde_json::{Map, Value};

use crate::config::key_line;
use crate::error::{Diagnostic, line_col};
use crate::value::table_to_json;

/// Metadata of one post or page, as written (dates are still raw strings).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<Raw>,
    pub updated: Option<Raw>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub layout: Option<String>,
    pub permalink: Option<String>,
    pub slug: Option<String>,
    pub description: Option<String>,
    pub excerpt: Option<String>,
    pub draft: bool,
    pub image: Option<String>,
    /// The author's name, or several authors' names as one line (`Ana, Ben`).
    pub author: Option<String>,
    /// Each author's name, when `author` lists several.
    pub authors: Vec<String>,
    pub toc: Option<bool>,
    pub lang: Option<String>,
    pub weight: i64,
    /// `series:`: the series the post belongs to (Hugo's one-item list too).
    pub series: Option<String>,
    /// `pin: true`: first on the home page.
    pub pin: bool,
    /// `comments: false` turns the comments off on this page.
    pub comments: Option<bool>,
    /// `retro:`: whether (and of what period) the post is a retrospective.
    pub retro: Option<crate::retro::Spec>,
    /// `goals:`: goals besides the post's task lists.
    pub goals: Vec<crate::retro::FrontGoal>,
    pub extra: Map<String, Value>,
    /// Lines of the file where the keys that decide output paths are written (`permalink`,
    /// `slug`, `tags`, …), for errors about the paths they make.
    pub lines: Vec<(&'static str, usize)>,
}

/// Keys whose line [`FrontMatter::line`] knows.
const LINED_KEYS: &[&str] = &[
    "permalink",
    "slug",
    "tags",
    "categories",
    "category",
    "title",
    "redirect_from",
    "aliases",
    "series",
];

impl FrontMatter {
    /// The 1-based line of the file where `key` is written, if it is one of the keys that
    /// decide output paths.
    pub fn line(&self, key: &str) -> Option<usize> {
        self.lines.iter().find(|(k, _)| *k == key).map(|(_, l)| *l)
    }
}

/// A raw string value and the 1-based line of the file it was written on.
#[derive(Debug, Clone, PartialEq)]
pub struct Raw {
    pub value: String,
    pub line: Option<usize>,
}

/// A file split into front matter and Markdown body.
#[derive(Debug)]
pub struct Parsed<'a> {
    pub front: FrontMatter,
    /// Problems that do not stop the build (a key written twice).
    pub warnings: Vec<Diagnostic>,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits and parses a whole file. Errors carry `path` and the line in the file.
pub fn parse<'a>(path: &Path, text: &'a str) -> Result<Parsed<'a>, Vec<Diagnostic>> {
    parse_with(path, text, &Map::new())
}

/// [`parse`] with defaults for keys the file does not set (Jekyll's `defaults:`).
pub fn parse_with<'a>(
    path: &Path,
    text: &'a str,
    defaults: &Map<String, Value>,
) -> Result<Parsed<'a>, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some((fence, first_line_end)) = opening_fence(text) else {
        let front = if defaults.is_empty() {
            FrontMatter::default()
        } else {
            FrontMatter::from_map(path, "", defaults.clone())?
        };
        return Ok(Parsed {
            front,
            warnings: Vec::new(),
            body: text,
            body_line: 1,
        });
    };
    let front_start = first_line_end;
    let Some((front_end, body_start, line_no)) = closing_fence(text, fence, front_start) else {
        return Err(vec![Diagnostic::new(
            path,
            format!("front matter opened with `{fence}` on line 1 is never closed by a `{fence}` line"),
        )
        .at(1, None)]);
    };
    let front_text = &text[front_start..front_end];
    let mut map = if fence == "---" {
        parse_yaml(path, front_text)?
    } else {
        parse_toml(path, front_text)?
    };
    for (k, v) in defaults {
        map.entry(k.clone()).or_insert_with(|| v.clone());
    }
    let front = FrontMatter::from_map(path, front_text, map)?;
    let warnings = if fence == "---" {
        super::yaml::duplicate_keys(front_text)
            .into_iter()
            .map(|(key, first, again)| {
                Diagnostic::new(
                    path,
                    format!(
                        "`{key}` is written twice (first on line {}): the last value is used, as Jekyll does",
                        first + FRONT_LINE_OFFSET
                    ),
                )
                .at(again + FRONT_LINE_OFFSET, None)
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Parsed {
        front,
        warnings,
        body: &text[body_start..],
        body_line: line_no + 1,
    })
}

/// The body of a file without parsing its front matter: what follows the closing fence, or
/// the whole text when there is no front matter (or it is never closed).
pub fn body(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    opening_fence(text)
        .and_then(|(fence, start)| closing_fence(text, fence, start))
        .map_or(text, |(_, body_start, _)| &text[body_start..])
}

/// The line that closes front matter opened with `fence`, looked for from `from`: where it
/// starts, where the body starts after it, and its 1-based line number.
fn closing_fence(text: &str, fence: &str, from: usize) -> Option<(usize, usize, usize)> {
    let mut offset = from;
    let mut line_no = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let line = text[offset..end].trim_end();
        if line == fence || (fence == "---" && line == "...") {
            return Some((offset, end, line_no));
        }
        offset = end;
        line_no += 1;
    }
    None
}

fn opening_fence(text: &str) -> Option<(&'static str, usize)> {
    let end = text.find('\n').map_or(text.len(), |i| i + 1);
    match text[..end].trim_end() {
        "---" => Some(("---", end)),
        "+++" => Some(("+++", end)),
        _ => None,
    }
}

/// Front matter lines start on line 2 of the file.
const FRONT_LINE_OFFSET: usize = 1;

fn parse_yaml(path: &Path, front: &str) -> Result<Map<String, Value>, Vec<Diagnostic>> {
    if front.trim().is_empty() {
        return Ok(Map::new());
    }
    match super::yaml::parse_map(front) {
        Ok(Some(Value::Object(map))) => Ok(map),
        Ok(Some(Value::Null) | None) => Ok(Map::new()),
        Ok(_) => Err(vec![
            Diagnostic::new(path, "front matter must be a mapping of `key: value` lines")
                .at(2, None),
        ]),
        Err(e) => {
            let message = yaml_message(&e);
            let d = Diagnostic::new(path, format!("invalid YAML front matter: {message}"));
            Err(vec![match e.location() {
                Some(loc) if loc.line() > 0 => d.at(
                    loc.line() as usize + FRONT_LINE_OFFSET,
                    Some(loc.column() as usize),
                ),
                _ => d,
            }])
        }
    }
}

/// The message of a serde-saphyr error without its own position prefix and snippet.
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let text = e.to_string();
    let first = text.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error:").unwrap_or(first).trim();
    match first
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((_, msg)) => msg.to_string(),
        None => first.to_string(),
    }
}

fn parse_toml(path: &Path, front: &str) -> Result<Map<String, Value>, Vec<Diagnostic>> {
    match toml::from_str::<toml::Table>(front) {
        Ok(t) => Ok(table_to_json(&t)),
        Err(e) => {
            let d = Diagnostic::new(
                path,
                format!("invalid TOML front matter: {}", e.message().trim()),
            );
            Err(vec![match e.span() {
                Some(span) => {
                    let (line, col) = line_col(front, span.start);
                    d.at(line + FRONT_LINE_OFFSET, Some(col))
                }
                None => d,
            }])
        }
    }
}

impl FrontMatter {
    fn from_map(
        path: &Path,
        front_text: &str,
        mut map: Map<String, Value>,
    ) -> Result<FrontMatter, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let line_of = |key: &str| key_line(front_text, key).map(|l| l + FRONT_LINE_OFFSET);
        let mut fail = |key: &str, msg: String| {
            let d = Diagnostic::new(path, msg);
            errors.push(match line_of(key) {
                Some(line) => d.at(line, None),
                None => d,
            });
        };
        let mut fm = FrontMatter::default();
        for key in LINED_KEYS {
            if map.contains_key(*key)
                && let Some(line) = line_of(key)
            {
                fm.lines.push((key, line));
            }
        }

        // Zola keeps tags under [taxonomies] and custom keys under [extra]: lift them up.
        if let Some(Value::Object(tax)) = map.remove("taxonomies") {
            for (k, v) in tax {
                map.entry(k).or_insert(v);
            }
        }
        if let Some(Value::Object(extra)) = map.remove("extra") {
            fm.extra.extend(extra);
        }

        let take_string =
            |map: &mut Map<String, Value>, key: &str, fail: &mut dyn FnMut(&str, String)| match map
                .remove(key)
            {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s),
                Some(Value::Number(n)) => Some(n.to_string()),
                Some(Value::Bool(b)) => Some(b.to_string()),
                Some(_) => {
                    fail(key, format!("`{key}` must be a string"));
                    None
                }
            };

        fm.title = take_string(&mut map, "title", &mut fail);
        fm.date = take_string(&mut map, "date", &mut fail).map(|value| Raw {
            value,
            line: line_of("date"),
        });
        for key in ["updated", "last_modified_at", "lastmod"] {
            if let Some(value) = take_string(&mut map, key, &mut fail) {
                fm.updated = Some(Raw {
                    value,
                    line: line_of(key),
                });
            }
        }
        fm.layout = take_string(&mut map, "layout", &mut fail);
        fm.permalink = take_string(&mut map, "permalink", &mut fail);
        fm.slug = take_string(&mut map, "slug", &mut fail);
        fm.description = take_string(&mut map, "description", &mut fail);
        fm.excerpt = take_string(&mut map, "excerpt", &mut fail)
            .or_else(|| take_string(&mut map, "summary", &mut fail));
        fm.lang = take_string(&mut map, "lang", &mut fail);

        // A name, a mapping with `name` (jekyll-seo-tag's form), or a list of either
        // (minima's): several authors are shown as one line, `Ana, Ben`.
        fm.author = match map.remove("author") {
            Some(Value::Array(list)) => match list.iter().map(author_name).collect() {
                Some(names) => {
                    let names: Vec<String> = names;
                    let line = (!names.is_empty()).then(|| names.join(", "));
                    if names.len() > 1 {
                        fm.authors = names;
                    }
                    line
                }
                None => {
                    fail("author", AUTHOR_FORMS.into());
                    None
                }
            },
            Some(Value::Null) | None => None,
            Some(v) => match author_name(&v) {
                Some(name) => Some(name),
                None => {
                    fail("author", AUTHOR_FORMS.into());
                    None
                }
            },
        };
        fm.image = match map.remove("image") {
            Some(Value::Object(o)) => match ["path", "url", "src"].iter().find_map(|k| o.get(*k)) {
                Some(Value::String(s)) => Some(s.clone()),
                _ => {
                    fail(
                        "image",
                        "`image` must be a string or a mapping with `path`".into(),
                    );
                    None
                }
            },
            Some(v) => {
                map.insert("image".into(), v);
                take_string(&mut map, "image", &mut fail)
            }
            None => None,
        };

        let take_bool =
            |map: &mut Map<String, Value>, key: &str, fail: &mut dyn FnMut(&str, String)| match map
                .remove(key)
            {
                None | Some(Value::Null) => None,
                Some(Value::Bool(b)) => Some(b),
                Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Some(true),
                Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Some(false),
                Some(Value::String(s)) if super::yaml::yaml11_bool(&s).is_some() => {
                    super::yaml::yaml11_bool(&s)
                }
                Some(other) => {
                    fail(key, format!("`{key}` must be true or false, not {other}"));
                    None
                }
            };
        let draft = take_bool(&mut map, "draft", &mut fail).unwrap_or(false);
        let published = take_bool(&mut map, "published", &mut fail).unwrap_or(true);
        fm.draft = draft || !published;
        fm.toc = take_bool(&mut map, "toc", &mut fail);
        fm.pin = take_bool(&mut map, "pin", &mut fail).unwrap_or(false);
        fm.comments = take_bool(&mut map, "comments", &mut fail);
        if let Some(Value::Array(items)) = map.get("series") {
            let first = items.first().cloned().unwrap_or(Value::Null);
            map.insert("series".into(), first);
        }
        fm.series = take_string(&mut map, "series", &mut fail)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());

        fm.weight = match map.remove("weight") {
            None | Some(Value::Null) => 0,
            Some(Value::Number(n)) if n.is_i64() => n.as_i64().unwrap_or(0),
            Some(_) => {
                fail("weight", "`weight` must be a whole number".into());
                0
            }
        };

        // As Jekyll: a singular `category` is one category, spaces and all (after those of
        // `categories`, when both are written).
        if let Some(Value::String(one)) = map.get("category") {
            let one = one.trim().to_string();
            map.insert("category".into(), Value::Array(vec![Value::String(one)]));
        }
        for key in ["tags", "categories", "category"] {
            if let Some(v) = map.remove(key) {
                let mut list = Vec::new();
                if let Err(msg) = flatten_terms(&v, &mut list) {
                    fail(key, format!("`{key}` {msg}"));
                }
                let target = if key == "tags" {
                    &mut fm.tags
                } else {
                    &mut fm.categories
                };
                for term in list {
                    if !target.contains(&term) {
                        target.push(term);
                    }
                }
            }
        }

        if let Some(v) = map.remove("retro") {
            match crate::retro::spec::parse_retro(&v) {
                Ok(spec) => fm.retro = Some(spec),
                Err(msg) => fail("retro", msg),
            }
        }
        if let Some(v) = map.remove("goals") {
            match crate::retro::spec::parse_goals(&v) {
                Ok(goals) => fm.goals = goals,
                Err(msg) => fail("goals", msg),
            }
        }

        fm.extra.extend(map);
        if errors.is_empty() {
            Ok(fm)
        } else {
            Err(errors)
        }
    }
}

/// Tags and categories: a list, a single string, a space- or comma-separated string (as
/// Jekyll splits it), or lists of lists, flattened.
fn flatten_terms(v: &Value, out: &mut Vec<String>) -> Result<(), String> {
    match v {
        Value::Null => Ok(()),
        Value::String(s) => {
            let parts: Vec<&str> = if s.contains(',') {
                s.split(',').collect()
            } else {
                s.split_whitespace().collect()
            };
            out.extend(
                parts
                    .into_iter()
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(String::from),
            );
            Ok(())
        }
        Value::Number(n) => {
            out.push(n.to_string());
            Ok(())
        }
        Value::Bool(b) => {
            out.push(b.to_string());
            Ok(())
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::String(s) => {
                        let s = s.trim();
                        if !s.is_empty() {
                            out.push(s.to_string());
                        }
                    }
                    other => flatten_terms(other, out)?,
                }
            }
            Ok(())
        }
        Value::Object(_) => Err("must be a list or a string, not a mapping".into()),
    }
}

const AUTHOR_FORMS: &str = "`author` must be a name, a mapping with `name`, or a list of them";

/// One author's name: a string (or a number or boolean, as other strings here), or a
/// mapping's `name`.
fn author_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(o) => match o.get("name") {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Parsed<'_> {
        parse(Path::new("p.md"), text).unwrap()
    }

    #[test]
    fn body_is_what_follows_the_front_matter() {
        assert_eq!(body("---\ntitle: 회고\n---\n본문\n"), "본문\n");
        assert_eq!(body("\u{feff}+++\ntitle = \"a\"\n+++\nb"), "b");
        assert_eq!(body("---\na: 1\n...\nc"), "c");
        // No front matter, or one never closed: the whole text.
        assert_eq!(body("본문만\n"), "본문만\n");
        assert_eq!(body("---\na: 1\n"), "---\na: 1\n");
    }

    #[test]
    fn yaml_front_matter() {
        let p = ok(
            "---\nlayout: post\ntitle: Diary - 2023년 회고\ntags: archive\nmood: 좋음\n---\n\n본문\n",
        );
        assert_eq!(p.front.title.as_deref(), Some("Diary - 2023년 회고"));
        assert_eq!(p.front.tags, ["archive"]);
        assert_eq!(p.front.layout.as_deref(), Some("post"));
        assert_eq!(p.front.extra["mood"], "좋음");
        assert_eq!(p.body, "\n본문\n");
        assert_eq!(p.body_line, 7);
    }

    #[test]
    fn toml_front_matter() {
        let p = ok(
            "+++\ntitle = \"회고\"\ndate = 2024-12-30T21:00:00+09:00\ntags = [\"a\"]\n+++\nbody",
        );
        assert_eq!(p.front.title.as_deref(), Some("회고"));
        assert_eq!(p.front.date.unwrap().value, "2024-12-30T21:00:00+09:00");
        assert_eq!(p.body, "body");
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let p = ok("# 제목\n\n본문");
        assert!(p.front.title.is_none());
        assert_eq!(p.body_line, 1);
    }

    #[test]
    fn every_tag_form() {
        let p = ok("---\ntags: 회고 일상\ncategories: [[dev, notes], life]\n---\n");
        assert_eq!(p.front.tags, ["회고", "일상"]);
        assert_eq!(p.front.categories, ["dev", "notes", "life"]);
        // Jekyll: `category` is one name, after those of `categories`.
        let p = ok("---\ncategory: ML System Design Pattern\ncategories: [Other]\n---\n");
        assert_eq!(p.front.categories, ["Other", "ML System Design Pattern"]);
        let p = ok("---\ntags: rust, web dev\n---\n");
        assert_eq!(p.front.tags, ["rust", "web dev"]);
        let p = ok("---\ntags:\n  - 2023\n  - 회고\n---\n");
        assert_eq!(p.front.tags, ["2023", "회고"]);
    }

    #[test]
    fn every_author_form() {
        let p = ok("---\nauthor: 김하늘\n---\n");
        assert_eq!(p.front.author.as_deref(), Some("김하늘"));
        let p = ok("---\nauthor:\n  name: 김하늘\n  twitter: sky\n---\n");
        assert_eq!(p.front.author.as_deref(), Some("김하늘"));
        // minima's demo post: a list of names, shown as one line.
        let p = ok("---\nauthor:\n- Bart Simpson\n- Nelson Mandela Muntz\n---\n");
        assert_eq!(
            p.front.author.as_deref(),
            Some("Bart Simpson, Nelson Mandela Muntz")
        );
        assert_eq!(p.front.authors, ["Bart Simpson", "Nelson Mandela Muntz"]);
        let p = ok("+++\nauthor = [{ name = \"Ana\" }, \"Ben\"]\n+++\n");
        assert_eq!(p.front.author.as_deref(), Some("Ana, Ben"));
        let p = ok("---\nauthor: []\n---\n");
        assert_eq!(p.front.author, None);
        // Anything else is an error at its line.
        for text in [
            "---\ntitle: t\nauthor: [[Ana]]\n---\n",
            "---\ntitle: t\nauthor: [{email: a@b.c}]\n---\n",
        ] {
            let e = parse(Path::new("p.md"), text).unwrap_err();
            let shown = format!("{e:?}");
            assert!(shown.contains("list of them"), "{shown}");
            assert_eq!(e[0].line, Some(3), "{shown}");
        }
    }

    #[test]
    fn series_pin_and_comments() {
        let p = ok("---\nseries: Rust 입문\npin: true\ncomments: false\n---\n");
        assert_eq!(p.front.series.as_deref(), Some("Rust 입문"));
        assert!(p.front.pin);
        assert_eq!(p.front.comments, Some(false));
        let p = ok("+++\n[taxonomies]\nseries = [\"회고 모음\"]\n+++\n");
        assert_eq!(p.front.series.as_deref(), Some("회고 모음"));
        let p = ok("---\ntitle: a\n---\n");
        assert!(!p.front.pin && p.front.series.is_none() && p.front.comments.is_none());
        let errs = parse(Path::new("p.md"), "---\npin: sometimes\n---\n").unwrap_err();
        assert_eq!(errs[0].line, Some(2));
    }

    #[test]
    fn drafts_and_unpublished() {
        assert!(ok("---\ndraft: true\n---\n").front.draft);
        assert!(ok("---\npublished: false\n---\n").front.draft);
        assert!(!ok("---\npublished: true\n---\n").front.draft);
    }

    #[test]
    fn yaml_error_points_at_the_file_line() {
        let errs = parse(
            Path::new("p.md"),
            "---\ntitle: a\ntags: [a, b\ndate: x\n---\n",
        )
        .unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, Some(4), "{}", errs[0]);
        assert!(!errs[0].message.contains("-->"), "{}", errs[0].message);
    }

    #[test]
    fn toml_error_points_at_the_file_line() {
        let errs = parse(Path::new("p.md"), "+++\ntitle = \"a\"\ndate = \n+++\n").unwrap_err();
        assert_eq!(errs[0].line, Some(3), "{}", errs[0]);
    }

    #[test]
    fn unclosed_front_matter() {
        let errs = parse(Path::new("p.md"), "---\ntitle: a\n\nbody").unwrap_err();
        assert!(errs[0].message.contains("never closed"));
    }

    #[test]
    fn retro_and_goals() {
        let p =
            ok("---\nretro: 2025-H1\ngoals:\n  - 책 읽기\n  - {text: 달리기, done: true}\n---\n");
        assert_eq!(
            p.front.retro,
            Some(crate::retro::Spec::Period(crate::retro::Period::Half(
                2025, 1
            )))
        );
        assert_eq!(p.front.goals.len(), 2);
        assert!(p.front.goals[1].done);
        assert!(!p.front.extra.contains_key("retro"));
        let p = ok("+++\nretro = false\n+++\n");
        assert_eq!(p.front.retro, Some(crate::retro::Spec::Off));
        let errs = parse(
            Path::new("p.md"),
            "---\ntitle: a\nretro: 2025-H3\ngoals: 책\n---\n",
        )
        .unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, Some(3), "{}", errs[0]);
        assert!(errs[0].message.contains("2025-W14"), "{}", errs[0]);
        assert_eq!(errs[1].line, Some(4), "{}", errs[1]);
    }

    #[test]
    fn wrong_types_name_their_line() {
        let errs = parse(Path::new("p.md"), "---\ntitle: [a]\ndraft: maybe\n---\n").unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, Some(2));
        assert_eq!(errs[1].line, Some(3));
    }
}
