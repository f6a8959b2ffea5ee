//! kramdown's extensions to Markdown that Jekyll blogs use, found in the source before
//! pulldown-cmark parses it: block inline attribute lists (`{: .notice--info}` on a line of
//! its own, before or after a block), attribute list definitions (`{:ref: .a}`), `{:toc}`,
//! `{::comment}`/`{::options}`/`{::nomarkdown}` extensions and `markdown="1"` on HTML blocks.
//!
//! It also ends an HTML block where kramdown does, at its closing tag, rather than at the
//! next blank line as CommonMark does: `</div>` followed by Markdown on the next line gets a
//! blank line between them, so the Markdown is not kept as raw HTML.
//!
//! What is taken out is overwritten with spaces and the few blank lines added are recorded,
//! so offsets map back to the original ([`Prepared::original_offset`]).

use std::collections::HashMap;

/// Parsed `{: … }` contents: `.class`, `#id`, `key="value"` and references to definitions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attrs {
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub pairs: Vec<(String, String)>,
    /// Names without `.`/`#`/`=`: attribute list definitions, or `toc`.
    pub refs: Vec<String>,
}

impl Attrs {
    pub fn is_empty(&self) -> bool {
        self.id.is_none() && self.classes.is_empty() && self.pairs.is_empty()
    }

    /// Adds `other` (later wins for the id and repeated keys).
    pub fn merge(&mut self, other: &Attrs) {
        if other.id.is_some() {
            self.id = other.id.clone();
        }
        for c in &other.classes {
            if !self.classes.contains(c) {
                self.classes.push(c.clone());
            }
        }
        for (k, v) in &other.pairs {
            self.pairs.retain(|(old, _)| old != k);
            self.pairs.push((k.clone(), v.clone()));
        }
        self.refs.extend(other.refs.iter().cloned());
    }

    /// Chirpy's image sizes `w=`/`h=` are `width`/`height`.
    pub fn html_name(key: &str) -> &str {
        match key {
            "w" => "width",
            "h" => "height",
            k => k,
        }
    }
}

/// Parses the inside of `{: … }` (without the braces and the colon).
pub fn parse_attrs(s: &str) -> Attrs {
    let mut a = Attrs::default();
    let mut chars = s.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        // A word runs to the next space outside quotes.
        let mut end = s.len();
        let mut quote: Option<char> = None;
        for (j, d) in s[i..].char_indices() {
            match quote {
                Some(q) if d == q => quote = None,
                Some(_) => {}
                None if d == '"' || d == '\'' => quote = Some(d),
                None if d.is_whitespace() => {
                    end = i + j;
                    break;
                }
                None => {}
            }
        }
        let word = &s[i..end];
        while chars.peek().is_some_and(|&(k, _)| k < end) {
            chars.next();
        }
        if let Some(class) = word.strip_prefix('.') {
            if !class.is_empty() {
                a.classes.push(class.to_string());
            }
        } else if let Some(id) = word.strip_prefix('#') {
            if !id.is_empty() {
                a.id = Some(id.to_string());
            }
        } else if let Some((k, v)) = word.split_once('=') {
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(v);
            if !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || "-_:".contains(c)) {
                a.pairs.push((k.to_string(), v.replace("\\\"", "\"")));
            }
        } else if word
            .chars()
            .all(|c| c.is_alphanumeric() || "-_".contains(c))
        {
            a.refs.push(word.to_string());
        }
    }
    a
}

/// Which block a block IAL belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The block that ends on the line before (the IAL follows it directly).
    Before,
    /// The block that starts on the line after (a blank line or the start comes first).
    After,
}

#[derive(Debug, Clone)]
pub struct BlockIal {
    /// 0-based line of the IAL in the source.
    pub line: usize,
    pub target: Target,
    /// Indented or inside a `>` quote: the innermost block, not the outermost.
    pub inner: bool,
    pub attrs: Attrs,
}

/// The source with kramdown's block syntax taken out, and what it said.
#[derive(Debug, Default)]
pub struct Prepared {
    pub text: String,
    pub ials: Vec<BlockIal>,
    /// Offsets in `text` of the line breaks added after HTML blocks, ascending.
    pub added: Vec<usize>,
}

impl Prepared {
    /// The offset in the original body of an offset in `text`.
    pub fn original_offset(&self, offset: usize) -> usize {
        offset - self.added.partition_point(|&a| a < offset)
    }
}

/// Whether the body may use any of kramdown's extensions (a cheap test first).
pub fn wanted(body: &str) -> bool {
    memchr::memmem::find(body.as_bytes(), b"{:").is_some()
        || memchr::memmem::find(body.as_bytes(), b"markdown=").is_some()
        || body.starts_with('<')
        || memchr::memmem::find(body.as_bytes(), b"\n<").is_some()
}

/// Takes kramdown's block syntax out of `body`; see the module docs.
pub fn prepare(body: &str) -> Prepared {
    let mut text = body.as_bytes().to_vec();
    let mut ials = Vec::new();
    let mut breaks: Vec<usize> = Vec::new();
    // The line after a closing fence or a heading starts afresh, as after a blank line.
    let mut boundary = 0;
    let mut defs: HashMap<String, Attrs> = HashMap::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut skipping: Option<&'static str> = None;
    // Line starts, and whether each line is blank, for before/after decisions.
    let lines: Vec<(usize, &str)> = line_spans(body);
    let blank = |i: usize| lines.get(i).is_none_or(|(_, l)| l.trim().is_empty());
    for (n, &(start, line)) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        // Fenced code is left alone.
        if let Some((ch, len)) = fence {
            let run = trimmed.bytes().take_while(|b| *b == ch).count();
            if run >= len && trimmed[run..].trim().is_empty() {
                fence = None;
                boundary = n + 1;
            }
            continue;
        }
        let run_b = trimmed.bytes().take_while(|b| *b == b'`').count();
        let run_t = trimmed.bytes().take_while(|b| *b == b'~').count();
        if line.len() - trimmed.len() < 4 && (run_b >= 3 || run_t >= 3) {
            fence = Some(if run_b >= 3 {
                (b'`', run_b)
            } else {
                (b'~', run_t)
            });
            continue;
        }
        // Inside {::comment} … {:/comment}: blank it all.
        if let Some(end) = skipping {
            if let Some(pos) = line.find(end) {
                blank_range(&mut text, start, start + pos + end.len());
                skipping = None;
            } else {
                blank_range(&mut text, start, start + line.len());
            }
            continue;
        }
        let (quotes, rest) = strip_quotes(line);
        let rest_trim = rest.trim();
        if let Some(inner) = rest_trim
            .strip_prefix("{::")
            .and_then(|r| r.strip_suffix('}'))
        {
            let name = inner
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            let closed = inner.trim_end().ends_with('/');
            match name {
                "comment" if !closed => skipping = Some("{:/comment}"),
                "nomarkdown" if !closed => {}
                _ => {}
            }
            blank_range(&mut text, start, start + line.len());
            continue;
        }
        if rest_trim.starts_with("{:/") && rest_trim.ends_with('}') {
            blank_range(&mut text, start, start + line.len());
            continue;
        }
        if let Some(inner) = rest_trim
            .strip_prefix("{:")
            .and_then(|r| r.strip_suffix('}'))
        {
            let inner = inner.trim();
            // {:name: attrs} defines; {: attrs} applies.
            if let Some((name, def)) = ald(inner) {
                defs.insert(name.to_string(), parse_attrs(def));
            } else {
                let mut attrs = parse_attrs(inner);
                for r in attrs.refs.clone() {
                    if let Some(d) = defs.get(&r) {
                        attrs.merge(d);
                    }
                }
                let target = if n > 0 && !blank(n - 1) {
                    Target::Before
                } else {
                    Target::After
                };
                let indented = line.len() - line.trim_start().len() > 0;
                ials.push(BlockIal {
                    line: n,
                    target,
                    inner: quotes > 0 || indented,
                    attrs,
                });
            }
            blank_range(&mut text, start, start + line.len());
            continue;
        }
        open_markdown_block(&mut text, start, line);
        // No paragraph is open here: after a blank line, a closed fence or a heading.
        let fresh = n == 0 || blank(n - 1) || boundary == n;
        let hashes = rest_trim.bytes().take_while(|b| *b == b'#').count();
        if (1..=6).contains(&hashes)
            && rest_trim[hashes..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
        {
            boundary = n + 1;
        }
        if ends_html_block(line, fresh)
            && let Some(&(_, next)) = lines.get(n + 1)
            && starts_markdown(next)
        {
            breaks.push(n);
        }
    }
    // Only whole ASCII ranges were overwritten with ASCII: still UTF-8.
    let text = String::from_utf8(text).unwrap_or_else(|_| body.to_string());
    let (text, added) = add_breaks(&text, &lines, &breaks);
    for ial in &mut ials {
        ial.line += breaks.partition_point(|&b| b < ial.line);
    }
    Prepared { text, ials, added }
}

/// Inserts a line break after each line of `after` (ascending line indexes).
fn add_breaks(text: &str, lines: &[(usize, &str)], after: &[usize]) -> (String, Vec<usize>) {
    if after.is_empty() {
        return (text.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(text.len() + after.len());
    let mut added = Vec::with_capacity(after.len());
    let mut copied = 0;
    for &n in after {
        let end = lines.get(n + 1).map_or(text.len(), |(start, _)| *start);
        out.push_str(&text[copied..end]);
        added.push(out.len());
        out.push('\n');
        copied = end;
    }
    out.push_str(&text[copied..]);
    (out, added)
}

/// Block-level tags (CommonMark's HTML block type 6) that kramdown closes at their end tag.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "iframe",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "ul",
    "video",
    "audio",
    "picture",
];

/// Whether `line` ends an HTML block for kramdown while CommonMark would go on: a line that
/// starts with a tag and ends with the end tag of a block element (`</div>`), a `<link>` or
/// `<meta>` line (which CommonMark lets interrupt a paragraph), or, where no paragraph is
/// open, a line that is one inline element (`<img …>`, `<br>`, `<a …>…</a>`).
fn ends_html_block(line: &str, fresh: bool) -> bool {
    let t = line.trim();
    if !t.starts_with('<') || t.starts_with("<!--") || line.len() - line.trim_start().len() > 3 {
        return false;
    }
    if let Some(open) = t.rfind("</")
        && t.ends_with('>')
    {
        let name = t[open + 2..t.len() - 1].trim().to_ascii_lowercase();
        if BLOCK_TAGS.contains(&name.as_str()) {
            return true;
        }
    }
    let lower = t.to_ascii_lowercase();
    let void_block = ["<link", "<meta", "<hr", "<base"]
        .iter()
        .any(|tag| lower.starts_with(tag));
    t.ends_with('>') && (void_block || fresh && !t.starts_with("</"))
}

/// Whether a line is Markdown that CommonMark would swallow into a preceding HTML block.
fn starts_markdown(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty() && !t.starts_with('<') && line.len() - t.len() < 4
}

/// `name: attrs` of an attribute list definition.
fn ald(inner: &str) -> Option<(&str, &str)> {
    let (name, rest) = inner.split_once(':')?;
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_".contains(c))
        && !name.contains('='))
    .then_some((name, rest))
}

/// `<div markdown="1">`: the HTML block is closed right after the opening tag (the
/// attribute's room holds the line break), so CommonMark reads the inside as Markdown.
fn open_markdown_block(text: &mut [u8], start: usize, line: &str) {
    let t = line.trim_start();
    if !t.starts_with('<') || t.starts_with("</") {
        return;
    }
    for attr in [
        " markdown=\"1\"",
        " markdown=\"block\"",
        " markdown=\"span\"",
        " markdown='1'",
        " markdown=1",
    ] {
        let Some(pos) = line.find(attr) else { continue };
        let after = &line[pos + attr.len()..];
        // The attribute must end the opening tag: `…markdown="1">`.
        if !after.trim_end().starts_with('>') {
            return;
        }
        let gt = pos + attr.len() + after.find('>').unwrap_or(0);
        let (a, b) = (start + pos, start + gt);
        // `<div class="x" markdown="1">` → `<div class="x">` `\n` and spaces.
        text[a] = b'>';
        text[a + 1] = b'\n';
        for byte in &mut text[a + 2..=b] {
            *byte = b' ';
        }
        return;
    }
}

/// Counts and strips the `>` of block quotes at the start of a line.
fn strip_quotes(line: &str) -> (usize, &str) {
    let mut rest = line.trim_start();
    let mut n = 0;
    while let Some(r) = rest.strip_prefix('>') {
        n += 1;
        rest = r.trim_start();
    }
    (n, rest)
}

fn blank_range(text: &mut [u8], from: usize, to: usize) {
    let to = to.min(text.len());
    for b in &mut text[from..to] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// Each line's start offset and text (without its line break).
pub fn line_spans(body: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        out.push((start, line.trim_end_matches(['\n', '\r'])));
        start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_lists() {
        let a = parse_attrs(" .notice--info #top w=\"400\" h='200' data-x=1 toc .shadow ");
        assert_eq!(a.id.as_deref(), Some("top"));
        assert_eq!(a.classes, ["notice--info", "shadow"]);
        assert_eq!(
            a.pairs,
            [
                ("w".to_string(), "400".to_string()),
                ("h".into(), "200".into()),
                ("data-x".into(), "1".into())
            ]
        );
        assert_eq!(a.refs, ["toc"]);
        let a = parse_attrs("title=\"a b c\" .x");
        assert_eq!(a.pairs, [("title".to_string(), "a b c".to_string())]);
        assert_eq!(a.classes, ["x"]);
    }

    #[test]
    fn block_ials_are_taken_out_and_keep_offsets() {
        let body = "문단\n{: .notice--warning}\n\n{: .lead}\n다음 문단\n\n```\n{: .kept}\n```\n> 인용\n{: .prompt-tip }\n";
        let p = prepare(body);
        assert_eq!(p.text.len(), body.len());
        assert!(!p.text.contains("notice"));
        assert!(p.text.contains("{: .kept}"), "code is left alone");
        let targets: Vec<(usize, Target, &str)> = p
            .ials
            .iter()
            .map(|i| (i.line, i.target, i.attrs.classes[0].as_str()))
            .collect();
        assert_eq!(
            targets,
            [
                (1, Target::Before, "notice--warning"),
                (3, Target::After, "lead"),
                (10, Target::Before, "prompt-tip")
            ]
        );
    }

    #[test]
    fn html_blocks_end_at_their_closing_tag() {
        let body = "<div class=\"box\">글</div>\n**굵게**\n\n<img src=\"a.png\">\n*설명*\n{: .x}\n";
        let p = prepare(body);
        assert_eq!(
            p.text,
            "<div class=\"box\">글</div>\n\n**굵게**\n\n<img src=\"a.png\">\n\n*설명*\n      \n"
        );
        assert_eq!(p.added, [27, 58]);
        assert_eq!(p.original_offset(28), 27);
        assert_eq!(p.original_offset(60), 58);
        // The IAL's line counts the added blank lines.
        assert_eq!(p.ials[0].line, 7);
    }

    #[test]
    fn html_lines_after_fences_and_link_tags_do_not_swallow_markdown() {
        let body = "```\r\ncode\r\n```\r\n<br>\r\n```text\r\nout\r\n```\r\n### 제목\r\n<script src=\"x.js\"></script>\r\n<link rel=\"stylesheet\" href=\"a.css\">\r\n**굵게**\r\n";
        let p = prepare(body);
        assert!(p.text.contains("<br>\r\n\n```text"), "{:?}", p.text);
        assert!(p.text.contains("a.css\">\r\n\n**굵게**"), "{:?}", p.text);
    }

    #[test]
    fn definitions_comments_and_markdown_blocks() {
        let body = "{:warn: .notice--warning}\n텍스트\n{: warn}\n\n{::comment}\n숨김\n{:/comment}\n<div class=\"x\" markdown=\"1\">\n**굵게**\n</div>\n";
        let p = prepare(body);
        assert_eq!(p.ials[0].attrs.classes, ["notice--warning"]);
        assert!(!p.text.contains("숨김"));
        assert!(p.text.contains("<div class=\"x\">\n"), "{}", p.text);
        assert_eq!(p.text.len(), body.len());
    }
}
