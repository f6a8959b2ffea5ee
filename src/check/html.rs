//! Reads one HTML page with `lol_html`: the URLs it refers to and the anchors it offers.

use lol_html::{HtmlRewriter, Settings, element};

/// What a page links to and which fragments it can be the target of.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every URL in a link attribute, entities decoded, in document order.
    pub links: Vec<String>,
    /// Every `id`, and `name` of `<a>`, entities decoded.
    pub anchors: Vec<String>,
}

/// Attributes holding one URL, by element.
fn url_attributes(tag: &str) -> &'static [&'static str] {
    match tag {
        "a" | "area" | "link" => &["href"],
        "img" | "source" => &["src"],
        "script" | "iframe" | "embed" | "track" | "audio" => &["src"],
        "video" => &["src", "poster"],
        "object" => &["data"],
        _ => &[],
    }
}

pub fn scan(html: &[u8]) -> Result<Scan, String> {
    let mut found = Scan::default();
    {
        let found = &mut found;
        let mut rewriter = HtmlRewriter::new(
            Settings::new().append_element_content_handler(element!("*", |el| {
                let tag = el.tag_name();
                if let Some(id) = el.get_attribute("id") {
                    found.anchors.push(decode_entities(&id));
                }
                if tag == "a"
                    && let Some(name) = el.get_attribute("name")
                {
                    found.anchors.push(decode_entities(&name));
                }
                for attr in url_attributes(&tag) {
                    if let Some(v) = el.get_attribute(attr) {
                        found.links.push(decode_entities(v.trim()));
                    }
                }
                if matches!(tag.as_str(), "img" | "source")
                    && let Some(set) = el.get_attribute("srcset")
                {
                    found.links.extend(srcset_urls(&decode_entities(&set)));
                }
                Ok(())
            })),
            |_: &[u8]| {},
        );
        rewriter.write(html).map_err(|e| e.to_string())?;
        rewriter.end().map_err(|e| e.to_string())?;
    }
    Ok(found)
}

/// `a.png 1x, b.png 2x` → `a.png`, `b.png`.
fn srcset_urls(set: &str) -> Vec<String> {
    set.split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// Decodes the character references templates and Markdown write into attribute values:
/// numeric ones and the named ones for markup characters. Others are left as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| {
                let name = &rest[1..1 + end];
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    _ => {
                        let n = if let Some(hex) =
                            name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
                        {
                            u32::from_str_radix(hex, 16).ok()
                        } else if let Some(dec) = name.strip_prefix('#') {
                            dec.parse().ok()
                        } else {
                            None
                        };
                        n.and_then(char::from_u32)
                    }
                };
                c.map(|c| (c, end + 2))
            });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_and_anchors() {
        let html = r##"<!DOCTYPE html><html><head>
            <link rel="stylesheet" href="/css/a.css"><script src="/js/a.js"></script></head>
            <body><h2 id="2023&#45;회고">x</h2><a name="old"></a>
            <a href="/a/?x=1&amp;y=2#%ED%9A%8C">a</a>
            <img src="/i.png" srcset="/i-1x.png 1x, /i-2x.png 2x">
            <pre><code>&lt;a href="/not-a-link"&gt;</code></pre></body></html>"##;
        let s = scan(html.as_bytes()).unwrap();
        assert_eq!(
            s.links,
            [
                "/css/a.css",
                "/js/a.js",
                "/a/?x=1&y=2#%ED%9A%8C",
                "/i.png",
                "/i-1x.png",
                "/i-2x.png"
            ]
        );
        assert_eq!(s.anchors, ["2023-회고", "old"]);
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("a&amp;b&#x2F;c&#47;&lt;"), "a&b/c/<");
        assert_eq!(decode_entities("R&D &unknown; &"), "R&D &unknown; &");
    }
}
