//! JSON-LD for search engines: `BlogPosting` on a post, `WebPage` on a standalone page,
//! `WebSite` on the home page. Written as JSON by serde and made safe to sit inside a
//! `<script>` element: `<`, `>` and `&` are `\u003c`-escaped, so a title holding
//! `</script>` cannot end it, and the text is still the same JSON.

use serde_json::{Map, Value, json};

use super::Site;
use super::context::PageData;

/// The JSON-LD of a page (as templates see it), ready for `<script type="application/ld+json">`.
pub fn page(site: &Site, index: usize, data: &PageData) -> String {
    let page = &site.pages[index];
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    let kind = if page.is_post() {
        "BlogPosting"
    } else {
        "WebPage"
    };
    o.insert("@type".into(), json!(kind));
    o.insert(
        if page.is_post() { "headline" } else { "name" }.into(),
        json!(data.title),
    );
    let description = if data.description.is_empty() {
        data.summary_text.as_str()
    } else {
        data.description
    };
    if !description.is_empty() {
        o.insert("description".into(), json!(description));
    }
    o.insert("url".into(), json!(data.permalink));
    o.insert(
        "mainEntityOfPage".into(),
        json!({"@type": "WebPage", "@id": data.permalink}),
    );
    if !data.date.is_empty() {
        o.insert("datePublished".into(), json!(data.date));
        let modified = if data.updated.is_empty() {
            &data.date
        } else {
            &data.updated
        };
        o.insert("dateModified".into(), json!(modified));
    }
    let image = if data.image.is_empty() {
        image_default(site)
    } else {
        data.image.clone()
    };
    if !image.is_empty() {
        o.insert("image".into(), json!([image]));
    }
    let person = |name: &str| {
        let mut author = json!({"@type": "Person", "name": name});
        if name == site.config.author.name {
            author["url"] = json!(site.base.absolute("/"));
        }
        author
    };
    if page.front.authors.len() > 1 {
        let people: Vec<_> = page.front.authors.iter().map(|a| person(a)).collect();
        o.insert("author".into(), json!(people));
    } else if !data.author.is_empty() {
        o.insert("author".into(), person(data.author));
    }
    o.insert("inLanguage".into(), json!(data.lang));
    if page.is_post() {
        if !data.tags.is_empty() {
            let names: Vec<&str> = data.tags.iter().map(|t| t.name.as_str()).collect();
            o.insert("keywords".into(), json!(names.join(", ")));
        }
        if let Some(first) = data.category_links.first() {
            o.insert("articleSection".into(), json!(first.title));
        }
        o.insert("wordCount".into(), json!(data.word_count));
        o.insert(
            "isPartOf".into(),
            json!({"@type": "Blog", "name": site.config.title, "url": site.base.absolute("/")}),
        );
    }
    script_safe(&Value::Object(o))
}

/// The home page's `WebSite`, with the search page as its `SearchAction` when there is one.
pub fn website(site: &Site) -> String {
    let c = &site.config;
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("WebSite"));
    o.insert("name".into(), json!(c.title));
    o.insert("url".into(), json!(site.base.absolute("/")));
    if !c.description.is_empty() {
        o.insert("description".into(), json!(c.description));
    }
    o.insert("inLanguage".into(), json!(c.language));
    if !c.author.name.is_empty() {
        o.insert(
            "author".into(),
            json!({"@type": "Person", "name": c.author.name}),
        );
    }
    let image = image_default(site);
    if !image.is_empty() {
        o.insert("image".into(), json!(image));
    }
    if site.theme.templates.contains_key("search.html") {
        o.insert(
            "potentialAction".into(),
            json!({
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": format!("{}?q={{search_term_string}}", site.base.absolute("/search/")),
                },
                "query-input": "required name=search_term_string",
            }),
        );
    }
    script_safe(&Value::Object(o))
}

fn image_default(site: &Site) -> String {
    let image = &site.config.image;
    if image.is_empty() {
        String::new()
    } else if image.contains("://") {
        image.clone()
    } else {
        site.base
            .absolute(&format!("/{}", image.trim_start_matches('/')))
    }
}

/// JSON that can sit inside `<script>`: the characters HTML reads there are escaped.
pub fn script_safe(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_is_still_the_same_json() {
        let v = json!({"headline": "a </script><script>alert(1)</script> & \u{2028}"});
        let text = script_safe(&v);
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
