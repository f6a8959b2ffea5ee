//! Plain text of rendered HTML: what the search index and meta descriptions read.

/// Whether an element is inline text (`span`, `strong`, …), in any case: its tags join the
/// text around them instead of separating it. Highlighted code is mostly `<span>` tags, so
/// this is asked once per tag.
fn is_inline(name: &str) -> bool {
    let mut lower = [0u8; 6];
    let Some(buf) = lower.get_mut(..name.len()) else {
        return false;
    };
    for (to, from) in buf.iter_mut().zip(name.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    matches!(
        &*buf,
        b"a" | b"abbr"
            | b"b"
            | b"bdi"
            | b"bdo"
            | b"cite"
            | b"code"
            | b"data"
            | b"del"
            | b"dfn"
            | b"em"
            | b"i"
            | b"ins"
            | b"kbd"
            | b"mark"
            | b"q"
            | b"s"
            | b"samp"
            | b"small"
            | b"span"
            | b"strong"
            | b"sub"
            | b"sup"
            | b"time"
            | b"u"
            | b"var"
    )
}

/// Plain text of rendered HTML: tags dropped (a space for block-level ones, nothing for
/// inline ones, so `<strong>서울</strong>은` stays one word), footnote marks left out (a
/// description reads `본문 그리고`, not `본문 1 그리고`), the entities pulldown-cmark writes
/// decoded, runs of whitespace collapsed to one space.
pub fn plain_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut space = false;
    let mut i = 0;
    // Every cut is at an ASCII byte, so every piece is whole UTF-8.
    let push = |out: &mut String, space: &mut bool, s: &str| {
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
        out.push_str(s);
    };
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let (tag, end) = match memchr::memchr(b'>', &bytes[i..]) {
                    Some(e) => (&html[i + 1..i + e], i + e + 1),
                    None => (&html[i + 1..], bytes.len()),
                };
                let name_start = tag.trim_start_matches('/');
                let name_len = name_start
                    .bytes()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(name_start.len());
                let name = &name_start[..name_len];
                if !is_inline(name) {
                    space = true;
                }
                i = end;
                // A footnote's number, at its reference and before its text, as
                // pulldown-cmark writes it.
                if name == "sup" && tag.contains("class=\"footnote-") {
                    i = memchr::memmem::find(&bytes[i..], b"</sup>").map_or(bytes.len(), |e| i + e);
                    continue;
                }
                let raw = match name.len() {
                    5 | 6 => ["script", "style"]
                        .into_iter()
                        .find(|n| n.eq_ignore_ascii_case(name)),
                    _ => None,
                };
                if let Some(raw) = raw
                    && !tag.starts_with('/')
                {
                    // The closing tag in any case, found without copying the rest of
                    // the page (a post may embed a script per gist).
                    let close = memchr::memmem::find_iter(&bytes[i..], b"</").find(|&e| {
                        bytes[i + e + 2..]
                            .get(..raw.len())
                            .is_some_and(|n| n.eq_ignore_ascii_case(raw.as_bytes()))
                    });
                    i = close.map_or(bytes.len(), |e| i + e);
                }
            }
            b'&' => {
                let entity = html[i + 1..]
                    .char_indices()
                    .take(12)
                    .find(|(_, c)| *c == ';')
                    .map(|(e, _)| &html[i + 1..i + 1 + e]);
                let decoded = entity.and_then(|e| match e {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some(' '),
                    _ => {
                        let num = e.strip_prefix('#')?;
                        let n = match num.strip_prefix(['x', 'X']) {
                            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                            None => num.parse().ok()?,
                        };
                        char::from_u32(n)
                    }
                });
                match (entity, decoded) {
                    (Some(e), Some(c)) => {
                        if c.is_whitespace() {
                            space = true;
                        } else {
                            push(&mut out, &mut space, c.encode_utf8(&mut [0; 4]));
                        }
                        i += e.len() + 2;
                    }
                    _ => {
                        push(&mut out, &mut space, "&");
                        i += 1;
                    }
                }
            }
            b' ' | b'\n' | b'\t' | b'\r' | b'\x0c' => {
                space = true;
                i += 1;
            }
            _ => {
                // Words with single spaces between them are copied as one piece.
                let rest = &bytes[i..];
                let mut len = memchr::memchr3(b'<', b'&', b'\n', rest).unwrap_or(rest.len());
                if let Some(e) = memchr::memchr3(b'\t', b'\r', b'\x0c', &rest[..len]) {
                    len = e;
                }
                let run = i + len;
                let piece = &html[i..run];
                let trimmed = piece.trim_matches(' ');
                if !trimmed.is_empty() {
                    space |= piece.starts_with(' ');
                    push(&mut out, &mut space, trimmed);
                }
                space = trimmed.is_empty() || piece.ends_with(' ');
                i = run;
            }
        }
    }
    if out.contains("  ") {
        let mut collapsed = String::with_capacity(out.len());
        for (n, word) in out.split(' ').filter(|w| !w.is_empty()).enumerate() {
            if n > 0 {
                collapsed.push(' ');
            }
            collapsed.push_str(word);
        }
        out = collapsed;
    }
    out
}

/// The first `max` characters of `text`, cut after a whole word when one ends near the cut.
pub fn opening(text: &str, max: usize) -> &str {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text;
    };
    let head = &text[..cut];
    match head.rfind(' ') {
        Some(sp) if head[sp..].chars().count() < 20 => &head[..sp],
        _ => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_elements_are_told_in_any_case() {
        for name in [
            "span", "SPAN", "Strong", "a", "A", "sup", "var", "code", "small",
        ] {
            assert!(is_inline(name), "{name}");
        }
        for name in [
            "",
            "div",
            "p",
            "pre",
            "h1",
            "li",
            "spans",
            "spa",
            "strongest",
            "script",
        ] {
            assert!(!is_inline(name), "{name}");
        }
        assert_eq!(
            plain_text("<P>서<SPAN>울</SPAN>은</P><DIV>끝<Em>말</Em></DIV>"),
            "서울은 끝말"
        );
    }

    #[test]
    fn html_to_plain_text() {
        let html = "<h2 id=\"a\">제목</h2>\n<p><strong>서울</strong>은 &amp; &lt;b&gt; &#39;x&#x27;</p><ul><li>하나</li><li>둘</li></ul><script>var x = 1;</script><p>끝&nbsp;</p>";
        assert_eq!(plain_text(html), "제목 서울은 & <b> 'x' 하나 둘 끝");
        assert_eq!(plain_text("a &bogus b & c"), "a &bogus b & c");
        assert_eq!(
            plain_text("<pre><code>x  =   1\n    y</code></pre> z "),
            "x = 1 y z"
        );
        assert_eq!(plain_text(" <p> 가 나 </p> 다"), "가 나 다");
        assert_eq!(plain_text(""), "");
        assert_eq!(plain_text("끝 <가나"), "끝");
        assert_eq!(plain_text("a<br>b<!-- more -->c"), "a b c");
        assert_eq!(plain_text("x<sup>2</sup>과 H<sub>2</sub>O"), "x2과 H2O");
        assert_eq!(
            plain_text("a<SCRIPT>if (x </b) {}</Script>b<style>p{}</style"),
            "a b"
        );
    }

    #[test]
    fn footnote_marks_are_left_out() {
        use crate::markdown::{Highlighter, MarkdownConfig, RenderOptions, render};
        let opts = RenderOptions {
            config: &MarkdownConfig::default(),
            highlighter: &Highlighter::default(),
            resolve_link: &|_| None,
            take_title_from_h1: false,
            math: false,
            language: "ko",
            kramdown: false,
            media_subpath: None,
        };
        let md = "본문[^1] 그리고 또[^note].\n\n[^1]: 첫 각주.\n[^note]: 둘째 각주.\n";
        let html = render(md, &opts).html;
        assert!(html.contains("footnote-reference"), "{html}");
        assert_eq!(plain_text(&html), "본문 그리고 또. 첫 각주. 둘째 각주.");
    }

    #[test]
    fn opening_cuts_at_a_word() {
        assert_eq!(opening("짧은 글", 300), "짧은 글");
        let text = "가나다 ".repeat(100);
        let cut = opening(&text, 10);
        assert_eq!(cut, "가나다 가나다");
    }
}
