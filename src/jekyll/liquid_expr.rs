//! Liquid expressions for [`super::liquid`]: variables (`page.tags[0]`), literals, filters
//! (`| relative_url`, `| default: "x"`) and conditions (`==`, `contains`, `and`, `or`).

use serde_json::{Map, Value};

/// What names resolve to: `site`, `page`, `include` and `{% assign %}`ed variables.
pub struct Scope<'a> {
    site: &'a Map<String, Value>,
    page: &'a Map<String, Value>,
    include: Map<String, Value>,
    vars: Map<String, Value>,
}

impl<'a> Scope<'a> {
    pub fn new(site: &'a Map<String, Value>, page: &'a Map<String, Value>) -> Scope<'a> {
        Scope {
            site,
            page,
            include: Map::new(),
            vars: Map::new(),
        }
    }

    /// The scope an include renders in: the same variables, and `include.*`.
    pub fn with_include(&self, include: Map<String, Value>) -> Scope<'a> {
        Scope {
            site: self.site,
            page: self.page,
            include,
            vars: self.vars.clone(),
        }
    }

    pub fn assign(&mut self, name: &str, value: Value) {
        self.vars.insert(name.to_string(), value);
    }

    /// `site.url`, `page.tags[0]`, `include.id`, `name`: `Null` when not there.
    fn lookup(&self, path: &str) -> Value {
        let mut parts = split_path(path).into_iter();
        let Some(first) = parts.next() else {
            return Value::Null;
        };
        let mut current: Value = match first.as_str() {
            "site" => Value::Object(self.site.clone()),
            "page" => Value::Object(self.page.clone()),
            "include" => Value::Object(self.include.clone()),
            name => self.vars.get(name).cloned().unwrap_or(Value::Null),
        };
        for part in parts {
            current = match (&current, part.parse::<usize>()) {
                (Value::Array(items), Ok(i)) => items.get(i).cloned().unwrap_or(Value::Null),
                (Value::Array(items), Err(_)) if part == "size" => Value::from(items.len()),
                (Value::Array(items), Err(_)) if part == "first" => {
                    items.first().cloned().unwrap_or(Value::Null)
                }
                (Value::Array(items), Err(_)) if part == "last" => {
                    items.last().cloned().unwrap_or(Value::Null)
                }
                (Value::Object(map), _) => map.get(&part).cloned().unwrap_or(Value::Null),
                (Value::String(s), _) if part == "size" => Value::from(s.chars().count()),
                _ => Value::Null,
            };
        }
        current
    }
}

/// `a.b[0]["c"]` → `a`, `b`, `0`, `c`.
fn split_path(path: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => parts.push(std::mem::take(&mut cur)),
            '[' => {
                if !cur.is_empty() {
                    parts.push(std::mem::take(&mut cur));
                }
                let mut inner = String::new();
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                    inner.push(d);
                }
                parts.push(inner.trim_matches(['"', '\'']).to_string());
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

/// Splits on `sep` outside quotes.
fn split_outside_quotes(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote = None;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == sep => {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            None => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// A literal or a variable.
fn atom(s: &str, scope: &Scope) -> Value {
    let s = s.trim();
    if let Some(q) = s
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))
    {
        return Value::String(q.to_string());
    }
    match s {
        "true" => return Value::Bool(true),
        "false" => return Value::Bool(false),
        "nil" | "null" | "" => return Value::Null,
        _ => {}
    }
    if let Ok(i) = s.parse::<i64>() {
        return Value::from(i);
    }
    if let Ok(f) = s.parse::<f64>() {
        return Value::from(f);
    }
    scope.lookup(s)
}

/// The value of `expr | filter: args | …`; unknown filters are reported by name.
pub fn value(expr: &str, scope: &Scope, unknown: &mut dyn FnMut(&str)) -> Value {
    let mut parts = split_outside_quotes(expr, '|').into_iter();
    let mut v = atom(parts.next().unwrap_or(""), scope);
    for f in parts {
        let (name, args) = f.split_once(':').unwrap_or((f, ""));
        let args: Vec<Value> = if args.trim().is_empty() {
            Vec::new()
        } else {
            split_outside_quotes(args, ',')
                .into_iter()
                .map(|a| atom(a, scope))
                .collect()
        };
        v = filter(name.trim(), v, &args, scope).unwrap_or_else(|| {
            unknown(name.trim());
            Value::Null
        });
    }
    v
}

/// `{{ expr }}` as text.
pub fn output(expr: &str, scope: &Scope, unknown: &mut dyn FnMut(&str)) -> String {
    text(&value(expr, scope, unknown))
}

pub fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().concat(),
        other => other.to_string(),
    }
}

fn arg(args: &[Value], i: usize) -> String {
    args.get(i).map(text).unwrap_or_default()
}

fn base_path(scope: &Scope) -> String {
    let b = text(&scope.lookup("site.baseurl"));
    let b = b.trim_end_matches('/');
    if b.is_empty() || b.starts_with('/') {
        b.to_string()
    } else {
        format!("/{b}")
    }
}

fn filter(name: &str, v: Value, args: &[Value], scope: &Scope) -> Option<Value> {
    let s = text(&v);
    let string = |s: String| Some(Value::String(s));
    match name {
        "relative_url" | "absolute_url" => {
            if s.contains("://") || s.starts_with("//") {
                return string(s);
            }
            let path = format!("{}/{}", base_path(scope), s.trim_start_matches('/'));
            if name == "relative_url" {
                string(path)
            } else {
                let host = text(&scope.lookup("site.url"));
                string(format!("{}{path}", host.trim_end_matches('/')))
            }
        }
        "default" => {
            let empty = matches!(&v, Value::Null | Value::Bool(false))
                || matches!(&v, Value::String(s) if s.is_empty())
                || matches!(&v, Value::Array(a) if a.is_empty());
            Some(if empty {
                args.first().cloned().unwrap_or(Value::Null)
            } else {
                v
            })
        }
        "escape" | "xml_escape" | "escape_once" | "h" => string(crate::markdown::escape_attr(&s)),
        "upcase" => string(s.to_uppercase()),
        "downcase" => string(s.to_lowercase()),
        "capitalize" => {
            let mut c = s.chars();
            string(
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default(),
            )
        }
        "strip" => string(s.trim().to_string()),
        "lstrip" => string(s.trim_start().to_string()),
        "rstrip" => string(s.trim_end().to_string()),
        "strip_newlines" => string(s.replace(['\n', '\r'], "")),
        "strip_html" => string(strip_html(&s)),
        "append" => string(format!("{s}{}", arg(args, 0))),
        "prepend" => string(format!("{}{s}", arg(args, 0))),
        "replace" => string(s.replace(&arg(args, 0), &arg(args, 1))),
        "replace_first" => string(s.replacen(&arg(args, 0), &arg(args, 1), 1)),
        "remove" => string(s.replace(&arg(args, 0), "")),
        "remove_first" => string(s.replacen(&arg(args, 0), "", 1)),
        "size" => Some(Value::from(match &v {
            Value::Array(a) => a.len(),
            _ => s.chars().count(),
        })),
        "first" => Some(match v {
            Value::Array(a) => a.first().cloned().unwrap_or(Value::Null),
            _ => Value::String(s.chars().next().map(String::from).unwrap_or_default()),
        }),
        "last" => Some(match v {
            Value::Array(a) => a.last().cloned().unwrap_or(Value::Null),
            _ => Value::String(s.chars().last().map(String::from).unwrap_or_default()),
        }),
        "join" => Some(match v {
            Value::Array(a) => {
                let sep = args.first().map(text).unwrap_or_else(|| " ".into());
                Value::String(a.iter().map(text).collect::<Vec<_>>().join(&sep))
            }
            other => other,
        }),
        "split" => Some(Value::Array(
            s.split(&arg(args, 0))
                .map(|p| Value::String(p.to_string()))
                .collect(),
        )),
        "truncate" => {
            let n = args.first().and_then(Value::as_u64).unwrap_or(50) as usize;
            let ellipsis = if args.len() > 1 {
                arg(args, 1)
            } else {
                "...".into()
            };
            if s.chars().count() <= n {
                string(s)
            } else {
                let keep = n.saturating_sub(ellipsis.chars().count());
                string(s.chars().take(keep).collect::<String>() + &ellipsis)
            }
        }
        "truncatewords" => {
            let n = args.first().and_then(Value::as_u64).unwrap_or(15) as usize;
            let words: Vec<&str> = s.split_whitespace().collect();
            if words.len() <= n {
                string(s)
            } else {
                string(words[..n].join(" ") + "...")
            }
        }
        "number_of_words" => Some(Value::from(s.split_whitespace().count())),
        "slugify" => string(super::url::slugify(&s, super::url::Mode::Default, false)),
        "url_encode" | "cgi_escape" | "uri_escape" | "url_escape" => {
            string(crate::content::slug::encode_path(&s))
        }
        "jsonify" => string(v.to_string()),
        "markdownify" => string(crate::markdown::render_snippet(
            &s,
            &crate::config::MarkdownConfig::default(),
        )),
        "smartify" | "safe" | "raw" => Some(v),
        "date" | "date_to_string" | "date_to_long_string" | "date_to_xmlschema" => {
            let format = match name {
                "date" => arg(args, 0),
                "date_to_string" => "%d %b %Y".into(),
                "date_to_long_string" => "%d %B %Y".into(),
                _ => "%Y-%m-%dT%H:%M:%S%:z".into(),
            };
            string(format_date(&s, &format).unwrap_or(s))
        }
        "plus" | "minus" | "times" | "divided_by" | "modulo" => {
            let (a, b) = (s.parse::<f64>().ok()?, arg(args, 0).parse::<f64>().ok()?);
            let r = match name {
                "plus" => a + b,
                "minus" => a - b,
                "times" => a * b,
                "divided_by" if b != 0.0 => (a / b).floor(),
                "modulo" if b != 0.0 => a % b,
                _ => return Some(Value::Null),
            };
            Some(if r.fract() == 0.0 {
                Value::from(r as i64)
            } else {
                Value::from(r)
            })
        }
        _ => None,
    }
}

fn strip_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn format_date(s: &str, format: &str) -> Option<String> {
    let tz = jiff::tz::TimeZone::UTC;
    let z = crate::content::date::parse_date(s, &tz).ok()?;
    Some(z.strftime(format).to_string())
}

/// `k=v k2="v 2"` parameters of an include.
pub fn params(s: &str) -> Vec<(&str, &str)> {
    split_outside_quotes(s, ' ')
        .into_iter()
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .filter(|(k, _)| !k.is_empty())
        .collect()
}

/// A Liquid condition: comparisons joined by `and`/`or` (evaluated right to left, as
/// Liquid does), `not (…)` for `unless`.
pub fn condition(expr: &str, scope: &Scope) -> bool {
    let expr = expr.trim();
    if let Some(inner) = expr.strip_prefix("not (").and_then(|e| e.strip_suffix(')')) {
        return !condition(inner, scope);
    }
    // Comparisons and the operators between them, in one pass.
    let mut parts: Vec<String> = vec![String::new()];
    let mut ops: Vec<bool> = Vec::new(); // true for `and`
    for w in split_outside_quotes(expr, ' ')
        .into_iter()
        .filter(|w| !w.is_empty())
    {
        if w == "and" || w == "or" {
            ops.push(w == "and");
            parts.push(String::new());
        } else {
            if let Some(p) = parts.last_mut() {
                if !p.is_empty() {
                    p.push(' ');
                }
                p.push_str(w);
            }
        }
    }
    let mut result = comparison(parts.last().map_or("", String::as_str), scope);
    for (i, and) in ops.iter().enumerate().rev() {
        let left = comparison(&parts[i], scope);
        result = if *and { left && result } else { left || result };
    }
    result
}

fn comparison(expr: &str, scope: &Scope) -> bool {
    for op in ["==", "!=", ">=", "<=", ">", "<", " contains "] {
        if let Some((a, b)) = expr.split_once(op) {
            let (a, b) = (value(a, scope, &mut |_| {}), value(b, scope, &mut |_| {}));
            let num = |v: &Value| v.as_f64().or_else(|| text(v).parse().ok());
            let equal = a == b || text(&a) == text(&b) && !a.is_null() && !b.is_null();
            return match op {
                "==" => equal,
                "!=" => !equal,
                " contains " => match &a {
                    Value::Array(items) => items.iter().any(|i| text(i) == text(&b)),
                    _ => text(&a).contains(&text(&b)),
                },
                _ => match (num(&a), num(&b)) {
                    (Some(x), Some(y)) => match op {
                        ">=" => x >= y,
                        "<=" => x <= y,
                        ">" => x > y,
                        _ => x < y,
                    },
                    _ => false,
                },
            };
        }
    }
    truthy(&value(expr, scope, &mut |_| {}))
}

/// Liquid's truth: everything but `nil` and `false`.
fn truthy(v: &Value) -> bool {
    !matches!(v, Value::Null | Value::Bool(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_filters_and_conditions() {
        let site: Map<String, Value> =
            serde_json::from_str(r#"{"url":"https://a.io","baseurl":"blog"}"#).unwrap();
        let page: Map<String, Value> = serde_json::from_str(
            r#"{"title":"제목","tags":["rust","웹"],"date":"2024-03-05 10:00:00 +0900"}"#,
        )
        .unwrap();
        let mut scope = Scope::new(&site, &page);
        let out = |e: &str, s: &Scope| output(e, s, &mut |_| {});
        assert_eq!(out("page.tags[1]", &scope), "웹");
        assert_eq!(out("page.tags | join: \", \"", &scope), "rust, 웹");
        assert_eq!(out("\"/a\" | relative_url", &scope), "/blog/a");
        assert_eq!(out("page.missing | default: \"없음\"", &scope), "없음");
        assert_eq!(out("page.title | append: \"!\" | upcase", &scope), "제목!");
        assert_eq!(out("page.date | date: \"%Y.%m.%d\"", &scope), "2024.03.05");
        assert_eq!(out("page.tags.size", &scope), "2");
        scope.assign("n", Value::from(3));
        assert!(condition("n > 2 and page.title", &scope));
        assert!(condition("page.tags contains \"웹\"", &scope));
        assert!(!condition("page.nothing", &scope));
        assert!(condition(
            "page.nothing == nil or page.title == \"제목\"",
            &scope
        ));
        assert!(condition("not (page.nothing)", &scope));
        let mut unknown = Vec::new();
        let _ = value("page.title | sparkle", &scope, &mut |n| {
            unknown.push(n.to_string())
        });
        assert_eq!(unknown, ["sparkle"]);
    }
}
