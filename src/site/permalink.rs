//! Jekyll permalink patterns (`/:year/:slug/`, `pretty`, `date`, …) → site paths and output files.

use jiff::ZonedDateTime;

use crate::content::slug::slugify;
use crate::jekyll::url as jekyll;

/// What a pattern may refer to.
pub struct Fields<'a> {
    pub date: Option<&'a ZonedDateTime>,
    pub slug: &'a str,
    pub categories: &'a [String],
    /// On a Jekyll site, the post's slug as written (front matter `slug`, else the file name
    /// after its date): placeholders then follow Jekyll (see [`crate::jekyll::url`]).
    pub jekyll: Option<&'a str>,
    /// A document of a Jekyll collection (posts included), for `:collection`, `:path` and
    /// `:name`. `None` elsewhere, where those stay as written.
    pub document: Option<Document<'a>>,
}

/// What Jekyll's `:collection`, `:path` and `:name` stand for in a document's URL.
pub struct Document<'a> {
    /// `posts`, `recipes`.
    pub collection: &'a str,
    /// The file under the collection's folder without the extension, as written
    /// (`sub/2024-01-03-b`; Jekyll keeps its case and blanks).
    pub path: String,
    /// The file name without the extension (`2024-01-03-b`), which `:name` slugifies.
    pub name: &'a str,
}

/// Jekyll's named styles.
fn named(pattern: &str) -> &str {
    match pattern {
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    }
}

const TOKENS: &[&str] = &[
    "categories",
    "short_month",
    "output_ext",
    "long_month",
    "short_year",
    "short_day",
    "long_day",
    "i_month",
    "minute",
    "second",
    "i_day",
    "title",
    "month",
    "y_day",
    "year",
    "slug",
    "hour",
    "week",
    "name",
    "w_year",
    "w_day",
    "day",
];

/// The URL Jekyll gives a collection's document without its own `permalink`: the
/// collection's `permalink`, else `/:collection/:path:output_ext` (`/:collection/:path/`
/// when the site's style is `pretty` or ends with `/`). `dir` is the document's folder
/// relative to the site (`_recipes/sweet`), `stem` its file name without extension and
/// `slug` its slug as written.
pub fn document(
    (name, permalink): &(String, Option<String>),
    dir: &str,
    stem: &str,
    slug: &str,
    site_permalink: &str,
) -> String {
    let inner = dir.split_once('/').map_or("", |(_, rest)| rest);
    let path = if inner.is_empty() {
        stem.to_string()
    } else {
        format!("{inner}/{stem}")
    };
    let pretty = site_permalink == "pretty" || site_permalink.ends_with('/');
    let template = match permalink.as_deref() {
        Some(p) if !p.is_empty() => p,
        _ if pretty => "/:collection/:path/",
        _ => "/:collection/:path:output_ext",
    };
    let fields = Fields {
        date: None,
        slug,
        categories: &[],
        jekyll: Some(slug),
        document: Some(Document {
            collection: name,
            path,
            name: stem,
        }),
    };
    expand(template, &fields)
}

/// Expands a pattern into a decoded site path that starts with `/`. Unknown tokens stay
/// as written.
pub fn expand(pattern: &str, f: &Fields) -> String {
    let pattern = named(pattern.trim());
    let mut out = String::with_capacity(pattern.len() + f.slug.len());
    let mut rest = pattern;
    while let Some(pos) = rest.find(':') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        if let Some(d) = &f.document {
            let doc = [("collection", d.collection), ("path", d.path.as_str())]
                .into_iter()
                .find(|(token, _)| after.starts_with(*token));
            if let Some((token, v)) = doc {
                out.push_str(v);
                rest = &after[token.len()..];
                continue;
            }
        }
        match TOKENS.iter().find(|t| after.starts_with(**t)) {
            Some(token) => {
                out.push_str(&value(token, f));
                rest = &after[token.len()..];
            }
            None => {
                out.push(':');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    if f.jekyll.is_some() {
        crate::jekyll::url::sanitize(&out)
    } else {
        normalize(&out)
    }
}

fn value(token: &str, f: &Fields) -> String {
    let d = f.date;
    let fmt = |p: &str| d.map(|d| d.strftime(p).to_string()).unwrap_or_default();
    match token {
        "year" => fmt("%Y"),
        "short_year" => fmt("%y"),
        "month" => fmt("%m"),
        "i_month" => d.map(|d| d.month().to_string()).unwrap_or_default(),
        "day" => fmt("%d"),
        "i_day" => d.map(|d| d.day().to_string()).unwrap_or_default(),
        "y_day" => fmt("%j"),
        "hour" => fmt("%H"),
        "minute" => fmt("%M"),
        "second" => fmt("%S"),
        "week" => fmt("%V"),
        "short_day" => fmt("%a"),
        "long_day" => fmt("%A"),
        "short_month" => fmt("%b"),
        "long_month" => fmt("%B"),
        "w_year" => fmt("%G"),
        "w_day" => fmt("%u"),
        "title" if f.jekyll.is_some() => {
            jekyll::slugify(f.jekyll.unwrap_or_default(), jekyll::Mode::Pretty, true)
        }
        "name" if f.document.is_some() => {
            let name = f.document.as_ref().map_or("", |d| d.name);
            jekyll::slugify(name, jekyll::Mode::Default, false)
        }
        "slug" | "name" if f.jekyll.is_some() => {
            jekyll::slugify(f.jekyll.unwrap_or_default(), jekyll::Mode::Default, false)
        }
        "categories" if f.jekyll.is_some() => jekyll::categories(f.categories),
        "title" | "slug" | "name" => f.slug.to_string(),
        "categories" => f
            .categories
            .iter()
            .map(|c| slugify(c))
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join("/"),
        "output_ext" => ".html".to_string(),
        _ => String::new(),
    }
}

/// Collapses `//`, makes sure the path starts with `/`.
pub fn normalize(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 1);
    out.push('/');
    for seg in path.split('/').filter(|s| !s.is_empty() && *s != ".") {
        out.push_str(seg);
        out.push('/');
    }
    if !path.ends_with('/') && out.len() > 1 {
        out.pop();
    }
    out
}

/// The file a site path is written to: `/a/b/` → `a/b/index.html`, `/a/b.html` → `a/b.html`,
/// `/a/b` → `a/b/index.html` (and the path becomes `/a/b/`).
pub fn output_file(path: &str) -> (String, String) {
    let trimmed = path.trim_start_matches('/');
    if path.ends_with('/') {
        return (path.to_string(), format!("{trimmed}index.html"));
    }
    let last = trimmed.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        (path.to_string(), trimmed.to_string())
    } else {
        (format!("{path}/"), format!("{trimmed}/index.html"))
    }
}

/// As Jekyll writes them (`Document#destination`): a URL ending in `/` gets `index.html`,
/// any other gets `.html` added unless it ends so already — `/a/b` and `/v1.2` stay the
/// URL and are written to `a/b.html` and `v1.2.html`, which GitHub Pages serves for them.
pub fn output_file_jekyll(path: &str) -> (String, String) {
    let trimmed = path.trim_start_matches('/');
    if path.ends_with('/') || trimmed.is_empty() || trimmed.ends_with(".html") {
        return output_file(path);
    }
    (path.to_string(), format!("{trimmed}.html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_of_collections() {
        let recipes = ("recipes".to_string(), None);
        let app = ("app".to_string(), Some("/:name".to_string()));
        assert_eq!(
            document(&recipes, "_recipes/sweet", "Pie", "Pie", "date"),
            "/recipes/sweet/Pie.html"
        );
        assert_eq!(
            document(&recipes, "_recipes", "pie", "pie", "pretty"),
            "/recipes/pie/"
        );
        assert_eq!(document(&app, "_app", "todo", "todo", "date"), "/todo");
        // `:name` is the file's name, whatever the slug (Jekyll 4.3: `/my-todo/x/My Todo`).
        let named = ("app".to_string(), Some("/:name/x/:path".to_string()));
        assert_eq!(
            document(&named, "_app", "My Todo", "other", "date"),
            "/my-todo/x/My Todo"
        );
    }

    fn date() -> ZonedDateTime {
        "2023-12-31T23:00:00+09:00[Asia/Seoul]".parse().unwrap()
    }

    fn fields<'a>(d: &'a ZonedDateTime, cats: &'a [String]) -> Fields<'a> {
        Fields {
            date: Some(d),
            slug: "2023년-회고",
            categories: cats,
            jekyll: None,
            document: None,
        }
    }

    #[test]
    fn default_pattern() {
        let d = date();
        assert_eq!(
            expand("/:year/:slug/", &fields(&d, &[])),
            "/2023/2023년-회고/"
        );
    }

    #[test]
    fn jekyll_styles() {
        let d = date();
        let cats = vec!["일상".to_string(), "Dev Notes".to_string()];
        assert_eq!(
            expand("date", &fields(&d, &cats)),
            "/일상/dev-notes/2023/12/31/2023년-회고.html"
        );
        assert_eq!(
            expand("pretty", &fields(&d, &[])),
            "/2023/12/31/2023년-회고/"
        );
        assert_eq!(
            expand("/:year/:i_month/:i_day/:title", &fields(&d, &[])),
            "/2023/12/31/2023년-회고"
        );
        assert_eq!(
            expand("/blog/:nope/:slug/", &fields(&d, &[])),
            "/blog/:nope/2023년-회고/"
        );
    }

    #[test]
    fn jekyll_placeholders() {
        let d = date();
        let cats = vec!["ML System Design Pattern".to_string()];
        let f = |raw| Fields {
            date: Some(&d),
            slug: "ignored",
            categories: &cats,
            jekyll: Some(raw),
            document: None,
        };
        assert_eq!(
            expand("date", &f("Linux.basic")),
            "/ml system design pattern/2023/12/31/Linux.basic.html"
        );
        assert_eq!(expand("/posts/:title/", &f("EP_Main")), "/posts/EP_Main/");
        assert_eq!(expand("/:slug/", &f("EP_Main")), "/ep-main/");
        assert_eq!(expand("/:title/../../x", &f("a")), "/a/x");
    }

    #[test]
    fn a_jekyll_posts_collection_path_and_name() {
        let d = date();
        let f = |path: &str, name: &'static str| Fields {
            date: Some(&d),
            slug: "ignored",
            categories: &[],
            jekyll: Some("custom"),
            document: Some(Document {
                collection: "posts",
                path: path.to_string(),
                name,
            }),
        };
        // What Jekyll 4.3 writes for `/:collection/:path/` and `/:name/:slug/`.
        assert_eq!(
            expand(
                "/:collection/:path/",
                &f("2024-01-02-Hello World", "2024-01-02-Hello World")
            ),
            "/posts/2024-01-02-Hello World/"
        );
        assert_eq!(
            expand(
                "/:collection/:path/",
                &f("cat/2024-01-04-c", "2024-01-04-c")
            ),
            "/posts/cat/2024-01-04-c/"
        );
        assert_eq!(
            expand("/:name/:slug/", &f("sub/2024-01-03-b", "2024-01-03-b")),
            "/2024-01-03-b/custom/"
        );
        assert_eq!(
            expand(
                "/:name/",
                &f("2024-01-02-Hello World", "2024-01-02-Hello World")
            ),
            "/2024-01-02-hello-world/"
        );
        // Elsewhere the two stay as written.
        assert_eq!(
            expand("/:collection/:path/", &fields(&d, &[])),
            "/:collection/:path/"
        );
    }

    #[test]
    fn output_files() {
        assert_eq!(
            output_file("/2023/a/"),
            ("/2023/a/".into(), "2023/a/index.html".into())
        );
        assert_eq!(
            output_file("/2023/a.html"),
            ("/2023/a.html".into(), "2023/a.html".into())
        );
        assert_eq!(
            output_file("/2023/a"),
            ("/2023/a/".into(), "2023/a/index.html".into())
        );
        assert_eq!(output_file("/"), ("/".into(), "index.html".into()));
        assert_eq!(
            output_file_jekyll("/2024/Linux-basic"),
            ("/2024/Linux-basic".into(), "2024/Linux-basic.html".into())
        );
        assert_eq!(
            output_file_jekyll("/v1.2"),
            ("/v1.2".into(), "v1.2.html".into())
        );
        assert_eq!(
            output_file_jekyll("/2024/a/"),
            ("/2024/a/".into(), "2024/a/index.html".into())
        );
    }
}
