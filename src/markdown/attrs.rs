//! Attributes from kramdown's inline attribute lists, put on the HTML pulldown-cmark writes:
//! a block IAL names its block by source line (see [`crate::jekyll::kramdown`]); the
//! renderer leaves a marker before that block's start tag and [`inject`] adds the attributes
//! to the tag after it. Span IALs (`![a](b){: width="400"}`) are read from the text that
//! follows an image or link.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::escape_attr;
use crate::jekyll::kramdown::{Attrs, BlockIal, Target, parse_attrs};

/// The marker left before a block whose start tag gets attributes.
pub const MARKER: &str = "<!--hoego-attrs:";

/// Which events (by index) start the blocks the IALs name, with the attributes for each.
pub fn block_targets(
    text: &str,
    ials: &[BlockIal],
    events: &[(Event, Range<usize>)],
) -> HashMap<usize, Attrs> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line = |offset: usize| {
        line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    };
    // Every block start: (event index, depth, first line, last line, a leaf?).
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(tag) if is_block(tag) => {
                // A block's range may take in the blank lines after it.
                let used = text[range.clone()].trim_end().len();
                let last = line(range.start + used.saturating_sub(1));
                blocks.push((i, depth, line(range.start), last, is_leaf(tag)));
                depth += 1;
            }
            Event::End(end) if is_block_end(end) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    // Blocks by the line they end on and the line they start on.
    let mut by_last: HashMap<usize, Vec<(usize, usize, bool)>> = HashMap::new();
    let mut by_first: HashMap<usize, Vec<(usize, usize, bool)>> = HashMap::new();
    for &(i, depth, first, last, leaf) in &blocks {
        by_last.entry(last).or_default().push((i, depth, leaf));
        by_first.entry(first).or_default().push((i, depth, leaf));
    }
    let mut targets: HashMap<usize, Attrs> = HashMap::new();
    for ial in ials {
        let candidates = match ial.target {
            Target::Before if ial.line > 0 => by_last.get(&(ial.line - 1)),
            Target::Before => None,
            Target::After => by_first.get(&(ial.line + 1)),
        };
        let Some(candidates) = candidates else {
            continue;
        };
        let chosen = if ial.inner {
            candidates
                .iter()
                .filter(|b| b.2)
                .max_by_key(|(i, d, _)| (*d, *i))
        } else {
            candidates.iter().min_by_key(|(i, d, _)| (*d, *i))
        };
        if let Some(&(i, ..)) = chosen {
            targets.entry(i).or_default().merge(&ial.attrs);
        }
    }
    targets
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Table(_)
            | Tag::HtmlBlock
            | Tag::Item
    )
}

fn is_leaf(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Table(_)
    )
}

fn is_block_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Table
            | TagEnd::HtmlBlock
            | TagEnd::Item
    )
}

/// ` id="…" class="…" key="…"` for a tag (Chirpy's `w`/`h` as `width`/`height`).
pub fn to_html(attrs: &Attrs, existing_class: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(id) = &attrs.id {
        out.push_str(&format!(" id=\"{}\"", escape_attr(id)));
    }
    let mut classes: Vec<&str> = existing_class
        .map(|c| c.split_whitespace().collect())
        .unwrap_or_default();
    for c in &attrs.classes {
        if !classes.contains(&c.as_str()) {
            classes.push(c);
        }
    }
    if !classes.is_empty() {
        out.push_str(&format!(" class=\"{}\"", escape_attr(&classes.join(" "))));
    }
    for (k, v) in &attrs.pairs {
        let name = Attrs::html_name(k);
        if name.eq_ignore_ascii_case("id")
            || name.eq_ignore_ascii_case("class")
            || !crate::jekyll::kramdown::is_attr_name(name)
        {
            continue;
        }
        out.push_str(&format!(" {}=\"{}\"", escape_attr(name), escape_attr(v)));
    }
    out
}

/// Puts each marked block's attributes on the start tag that follows its marker.
pub fn inject(html: &str, all: &[Attrs]) -> String {
    let mut out = String::with_capacity(html.len() + 64 * all.len());
    let mut rest = html;
    while let Some(pos) = rest.find(MARKER) {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + MARKER.len()..];
        let Some(close) = after.find("-->") else {
            rest = after;
            continue;
        };
        let n: usize = after[..close].parse().unwrap_or(usize::MAX);
        rest = &after[close + 3..];
        // The next start tag: `<` and a letter (not a comment, `<!…>` or an end tag).
        let lt = rest
            .match_indices('<')
            .map(|(i, _)| i)
            .find(|&i| rest[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic()));
        let (Some(attrs), Some(lt)) = (all.get(n), lt) else {
            continue;
        };
        let Some(gt) = rest[lt..].find('>').map(|g| lt + g) else {
            continue;
        };
        out.push_str(&rest[..lt]);
        // Chirpy's `{: file="app.py"}` on a code block: the file's name shows above it.
        let file = rest[lt..]
            .starts_with("<pre")
            .then(|| attrs.pairs.iter().find(|(k, _)| k == "file"))
            .flatten()
            .and_then(|(_, name)| {
                let end = rest[gt..].find("</pre>")?;
                Some((name, gt + end + "</pre>".len()))
            });
        match file {
            Some((name, end)) => {
                out.push_str("<figure class=\"code-file\"><figcaption>");
                out.push_str(&super::escape_html(name));
                out.push_str("</figcaption>");
                out.push_str(&with_attrs(&rest[lt..=gt], attrs));
                out.push_str(&rest[gt + 1..end]);
                out.push_str("</figure>");
                rest = &rest[end..];
            }
            None => {
                out.push_str(&with_attrs(&rest[lt..=gt], attrs));
                rest = &rest[gt + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One start tag (`<p>`, `<pre class="code">`) with `attrs` added; an id the tag has is
/// replaced, classes are merged.
fn with_attrs(tag: &str, attrs: &Attrs) -> String {
    let body = tag.trim_end_matches('>');
    let (body, self_closing) = match body.strip_suffix('/') {
        Some(b) => (b.trim_end(), "/"),
        None => (body, ""),
    };
    let class = attr_value(body, "class");
    let mut kept = body.to_string();
    for name in ["class"].iter().chain(attrs.id.iter().map(|_| &"id")) {
        if let Some((a, b)) = attr_span(&kept, name) {
            kept.replace_range(a..b, "");
        }
    }
    format!("{kept}{}{self_closing}>", to_html(attrs, class.as_deref()))
}

fn attr_span(tag: &str, name: &str) -> Option<(usize, usize)> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)?;
    let end = tag[start + needle.len()..].find('"')? + start + needle.len() + 1;
    Some((start, end))
}

fn attr_value(tag: &str, name: &str) -> Option<String> {
    let (a, b) = attr_span(tag, name)?;
    let needle_len = name.len() + 3;
    Some(tag[a + needle_len..b - 1].to_string())
}

/// A span IAL at the start of `text` (`{: width="400"}` right after an image): its
/// attributes and the length taken. Typographic quotes count as quotes (smart punctuation
/// may have turned `"400"` into `“400”`).
pub fn span_ial(text: &str) -> Option<(Attrs, usize)> {
    let inner = text.strip_prefix("{:")?;
    let end = inner.find('}')?;
    let mut raw = String::with_capacity(end);
    for c in inner[..end].chars() {
        match c {
            '“' | '”' | '″' => raw.push('"'),
            '‘' | '’' | '′' => raw.push('\''),
            '–' => raw.push_str("--"),
            '—' => raw.push_str("---"),
            c => raw.push(c),
        }
    }
    Some((parse_attrs(&raw), 2 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_land_on_the_next_start_tag() {
        let attrs = vec![parse_attrs(".notice--info #n1"), parse_attrs(".prompt-tip")];
        let html = format!(
            "{MARKER}0--><p>글</p>\n{MARKER}1--><blockquote class=\"markdown-alert-note\">\n<p>x</p></blockquote>"
        );
        let out = inject(&html, &attrs);
        assert_eq!(
            out,
            "<p id=\"n1\" class=\"notice--info\">글</p>\n<blockquote class=\"markdown-alert-note prompt-tip\">\n<p>x</p></blockquote>"
        );
    }

    #[test]
    fn span_ials_read_typographic_quotes() {
        let (a, n) = span_ial("{: w=“400” .shadow} 다음").unwrap();
        assert_eq!(a.pairs, [("w".to_string(), "400".to_string())]);
        assert_eq!(a.classes, ["shadow"]);
        assert_eq!(&"{: w=“400” .shadow} 다음"[n..], " 다음");
        assert_eq!(to_html(&a, None), " class=\"shadow\" width=\"400\"");
        assert!(span_ial("그냥 글").is_none());
        let (a, _) = span_ial("{: .btn .btn–primary}").unwrap();
        assert_eq!(a.classes, ["btn", "btn--primary"]);
        let a = parse_attrs("onclick=\"alert(1)\" .x 가=1 o가=2");
        assert_eq!(to_html(&a, None), " class=\"x\"");
        // A comment before the block is left whole.
        let out = inject(
            &format!("{MARKER}0--><!-- note -->\n<p>글</p>"),
            &[parse_attrs(".x")],
        );
        assert_eq!(out, "<!-- note -->\n<p class=\"x\">글</p>");
    }
}
