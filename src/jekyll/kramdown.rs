//! kramdown's extensions to Markdown that Jekyll blogs use, found in the source before
//! pulldown-cmark parses it: block inline attribute lists (`{: .notice--info}` on a line of
//! its own, before or after a block), attribute list definitions (`{:ref: .a}`), `{:toc}`,
//! `{::comment}`/`{::options}`/`{::nomarkdown}` extensions and `markdown="1"` on HTML blocks.
//!
//! Its tables are made GitHub's ([`super::kramdown_table`]), and its abbreviations'
//! definitions taken out ([`super::kramdown_abbr`]).
//!
//! It also ends an HTML block where kramdown does, at its closing tag, rather than at the
//! next blank line as CommonMark does: `</div>` followed by Markdown on the next line gets a
//! blank line between them, so the Markdown is not kept as raw HTML.
//!
//! What is taken out is overwritten with spaces and the few blank lines added are recorded,
//! so offsets map back to the original ([`Prepared::original_offset`]).

use std::collections::HashMap;

use super::kramdown_abbr::{self as abbr, Abbreviations};
use super::kramdown_table::{self as table, Tables};

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

/// Whether a line (without its indentation) starts a list item: `- `, `* `, `+ `, `1. `,
/// `1) `.
pub fn is_list_item(line: &str) -> bool {
    let b = line.as_bytes();
    match b.first() {
        Some(b'-' | b'*' | b'+') => b.get(1).is_none_or(|c| *c == b' ' || *c == b'\t'),
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            digits <= 9
                && matches!(b.get(digits), Some(b'.' | b')'))
                && b.get(digits + 1).is_none_or(|c| *c == b' ' || *c == b'\t')
        }
        _ => false,
    }
}

/// An HTML attribute name hoego writes: ASCII, and no event handler (`onclick`).
pub fn is_attr_name(k: &str) -> bool {
    let mut chars = k.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || "-_:.".contains(c))
        && !k.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on"))
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
            if is_attr_name(k) {
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
    /// What was added to `text` (line breaks after HTML blocks, fillers in blank lines
    /// inside them, tables' header rows): where, ascending, and how many bytes.
    pub added: Vec<(usize, usize)>,
    /// What the events of kramdown's tables need taken out.
    pub tables: Tables,
    /// The abbreviations the page defines (`*[HTML]: …`).
    pub abbreviations: Abbreviations,
}

impl Prepared {
    /// The offset in the original body of an offset in `text`.
    pub fn original_offset(&self, offset: usize) -> usize {
        let before: usize = self
            .added
            .iter()
            .take_while(|(at, _)| *at < offset)
            .map(|(at, len)| (*len).min(offset - at))
            .sum();
        offset - before
    }
}

/// Whether the body may use any of kramdown's extensions (a cheap test first).
/// `html`: HTML blocks are read as kramdown reads them (Jekyll pages), not as CommonMark.
pub fn wanted(body: &str, html: bool) -> bool {
    memchr::memmem::find(body.as_bytes(), b"{:").is_some()
        || memchr::memmem::find(body.as_bytes(), b"markdown=").is_some()
        || html
            && (body.starts_with('<')
                || memchr::memmem::find(body.as_bytes(), b"$$").is_some()
                || memchr::memmem::find(body.as_bytes(), b"\n<").is_some()
                || memchr::memchr(b'|', body.as_bytes()).is_some()
                || memchr::memmem::find(body.as_bytes(), b"*[").is_some()
                || numbered_under_text(body))
}

/// A numbered list item with text whose number is not 1 (`14. 파일`), which CommonMark
/// does not let start a list under a paragraph.
fn numbered_not_one(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=9).contains(&digits)
        && line[digits..].starts_with(". ")
        && !line[digits + 2..].trim().is_empty()
        && line[..digits].parse::<u32>().is_ok_and(|v| v != 1)
}

/// Whether some line is a numbered item (not 1) right under a line of text: a cheap first
/// look for [`prepare`], which reads it as kramdown would. The line above is unindented text,
/// not a list item (`1. a` then `2. b` is one list already).
fn numbered_under_text(body: &str) -> bool {
    let b = body.as_bytes();
    memchr::memchr_iter(b'\n', b).any(|i| {
        let rest = &body[i + 1..];
        let t = rest.trim_start_matches(' ');
        if rest.len() - t.len() >= 4 || !t.starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        let above = &body[memchr::memrchr(b'\n', &b[..i]).map_or(0, |j| j + 1)..i];
        !above.trim().is_empty()
            && !above.starts_with([' ', '\t'])
            && !is_list_item(above)
            && numbered_not_one(t.split('\n').next().unwrap_or(""))
    })
}

/// Takes kramdown's block syntax out of `body`; see the module docs. With `html`, HTML
/// blocks end and hold together where kramdown's do.
pub fn prepare(body: &str, html: bool) -> Prepared {
    let mut text = body.as_bytes().to_vec();
    let mut ials = Vec::new();
    let mut breaks: Vec<usize> = Vec::new();
    let mut fills: Vec<usize> = Vec::new();
    // Blank lines inside kramdown's math blocks, and the line after the last such block.
    let mut math_fills: Vec<usize> = Vec::new();
    let mut math_until = 0;
    // Separator lines inside tables (line start and end), and header rows to add: the
    // line of the table's first row, and the row.
    let mut separators: Vec<(usize, usize)> = Vec::new();
    let mut headers: Vec<(usize, String)> = Vec::new();
    // Cells added to separator lines shorter than their header row: where, and what.
    let mut pads: Vec<(usize, String)> = Vec::new();
    // Lines before this one belong to a table already read.
    let mut table_until = 0;
    // Lines before this one belong to an HTML element already held together.
    let mut joined_until = 0;
    // An HTML block (as CommonMark sees it) runs on this line.
    let mut html_open = false;
    // The line after a closing fence or a heading starts afresh, as after a blank line.
    let mut boundary = 0;
    let mut defs: HashMap<String, Attrs> = HashMap::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut in_comment = false;
    let mut abbreviations = Abbreviations::default();
    let mut skipping: Option<&'static str> = None;
    // Line starts, and whether each line is blank, for before/after decisions.
    let lines: Vec<(usize, &str)> = line_spans(body);
    // Lines inside fenced code.
    let mut fenced = vec![false; lines.len()];
    let (mut in_list, mut in_code) = (false, false);
    // Lines `element_end` may look at in all, so a post of thousands of unclosed `<div>`s
    // is read in linear time.
    let mut budget: usize = 200_000;
    // Lines taken out (IALs, definitions, comments) count as blank too.
    let mut taken = vec![false; lines.len()];
    let blank_in = |taken: &[bool], i: usize| {
        lines
            .get(i)
            .is_none_or(|(_, l)| l.trim().is_empty() || taken[i])
    };
    // Table borders blanked on the line before, marked here, where no closure reads `taken`.
    let mut borders: Vec<usize> = Vec::new();
    // Where each IAL's line starts in the body.
    let mut ial_starts: Vec<usize> = Vec::new();
    for (n, &(start, line)) in lines.iter().enumerate() {
        for i in borders.drain(..) {
            taken[i] = true;
        }
        let blank = |i: usize| blank_in(&taken, i);
        let trimmed = line.trim_start();
        // Fenced code is left alone.
        if let Some((ch, len)) = fence {
            fenced[n] = true;
            let run = trimmed.bytes().take_while(|b| *b == ch).count();
            if run >= len && trimmed[run..].trim().is_empty() {
                fence = None;
                boundary = n + 1;
            }
            continue;
        }
        // Indented code (after a blank line, outside a list) is left alone too.
        let indent = line.len() - trimmed.len();
        let blank_line = trimmed.is_empty();
        let was_in_list = in_list;
        if indent < 4 && is_list_item(trimmed) {
            in_list = true;
        } else if !blank_line && indent == 0 && n > 0 && blank(n - 1) {
            in_list = false;
        }
        if !blank_line && indent >= 4 && !in_list && (n == 0 || blank(n - 1) || in_code) {
            in_code = true;
            continue;
        }
        in_code = false;
        // An HTML comment is one HTML block up to the line with `-->`: a fence inside it
        // (code commented out) opens nothing.
        if in_comment {
            if line.contains("-->") {
                in_comment = false;
                boundary = n + 1;
            }
            continue;
        }
        if indent < 4
            && let Some(after) = trimmed.strip_prefix("<!--")
            && !after.contains("-->")
        {
            in_comment = true;
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
                taken[n] = true;
            }
            continue;
        }
        // kramdown's math block: `$$` after a block boundary runs to the next `$$`, blank
        // lines included. CommonMark would end the paragraph at a blank line and leave the
        // formula's halves as text: a TeX comment (`%`, which MathJax skips) fills each.
        if n < math_until {
            continue;
        }
        if html
            && indent < 4
            && trimmed.starts_with("$$")
            && (n == 0 || blank(n - 1) || boundary == n)
            && let Some(close) = math_block_end(&lines, n)
        {
            math_fills.extend((n + 1..close).filter(|&i| lines[i].1.trim().is_empty()));
            math_until = close + 1;
            boundary = close + 1;
            continue;
        }
        let (quotes, rest) = strip_quotes(line);
        if html
            && quotes == 0
            && let Some((abbr, title)) = abbr::definition(line)
        {
            abbreviations.define(abbr, title);
            blank_range(&mut text, start, start + line.len());
            taken[n] = true;
            continue;
        }
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
            taken[n] = true;
            continue;
        }
        if rest_trim.starts_with("{:/") && rest_trim.ends_with('}') {
            blank_range(&mut text, start, start + line.len());
            taken[n] = true;
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
                ial_starts.push(start);
                ials.push(BlockIal {
                    line: n,
                    target,
                    inner: quotes > 0 || indented,
                    attrs,
                });
            }
            blank_range(&mut text, start, start + line.len());
            taken[n] = true;
            continue;
        }
        open_markdown_block(&mut text, start, line);
        if !html {
            continue;
        }
        // kramdown (GFM input, Jekyll's default) starts a numbered list under a line of text
        // whatever its first number; CommonMark only from 1 (`총 3개:` then `14. 파일`). A
        // blank line before it makes it the list kramdown reads.
        if quotes == 0
            && indent < 4
            && !was_in_list
            && !html_open
            && n > 0
            && !blank(n - 1)
            && boundary != n
            && breaks.last() != Some(&(n - 1))
            && numbered_not_one(trimmed)
        {
            breaks.push(n - 1);
        }
        if n < joined_until {
            continue;
        }
        if let Some(close) = element_end(&lines, n, &mut budget) {
            // A block element with blank lines inside stays one HTML block, as in kramdown.
            fills.extend((n + 1..close).filter(|&i| blank(i)));
            joined_until = close;
        }
        // No paragraph is open here: after a blank line, a closed fence or a heading.
        let fresh = n == 0 || blank(n - 1) || boundary == n;
        if quotes == 0 && !in_list && !html_open && n >= table_until && fresh {
            let len = lines[n..]
                .iter()
                .take_while(|(_, l)| table::is_table_line(l))
                .count();
            let block: Vec<&str> = lines[n..n + len].iter().map(|(_, l)| *l).collect();
            // A table ends at a block boundary (or an attribute list), as kramdown's must.
            let ends = n + len == lines.len() || blank(n + len) || {
                let next = lines[n + len].1.trim();
                next.starts_with("{:") && next.ends_with('}')
            };
            if let Some(plan) = (len > 0 && ends).then(|| table::plan(&block)).flatten() {
                table_until = n + len;
                for i in plan.blank {
                    let (at, l) = lines[n + i];
                    blank_range(&mut text, at, at + l.len());
                    borders.push(n + i);
                }
                if let Some(i) = plan.header_rule {
                    let (at, l) = lines[n + i];
                    table::rewrite_separator(&mut text[at..at + l.len()]);
                    if let Some(pad) = i
                        .checked_sub(1)
                        .and_then(|h| table::separator_padding(lines[n + h].1, l))
                    {
                        pads.push((at + l.trim_end().len(), pad));
                    }
                }
                for i in plan.drop {
                    let (at, l) = lines[n + i];
                    separators.push((at, at + l.len()));
                }
                if let Some(i) = plan.header_before {
                    headers.push((n + i, table::header_for(lines[n + i].1)));
                }
            }
        }
        let hashes = rest_trim.bytes().take_while(|b| *b == b'#').count();
        if (1..=6).contains(&hashes)
            && rest_trim[hashes..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
        {
            boundary = n + 1;
        }
        // A rule (`---`, `***`) or a heading's underline closes what was open: the next line
        // starts afresh, so `<br>` there is a line of its own, not an HTML block's start
        // that would swallow the heading after it.
        if !html_open && closes_block(rest_trim, n > 0 && !blank(n - 1)) {
            boundary = n + 1;
        }
        if blank(n) {
            html_open = false;
        } else if starts_html_block(line, fresh) {
            html_open = true;
        }
        let ends = ends_html_block(line, fresh) || html_open && ends_with_block_close(line);
        if ends
            && let Some(&(_, next)) = lines.get(n + 1)
            && starts_markdown(next)
        {
            breaks.push(n);
            html_open = false;
            // The added blank line leaves no paragraph open for the next line.
            boundary = n + 1;
        }
    }
    // Only whole ASCII ranges were overwritten with ASCII: still UTF-8.
    let text = String::from_utf8(text).unwrap_or_else(|_| body.to_string());
    // A blank line of a code block inside a held-together element (in a `markdown="1"`
    // one) is code: a filler there would show.
    fills.retain(|&i| !fenced[i]);
    fills.sort_unstable();
    fills.dedup();
    // (offset, text, whether it is a table's header row)
    let mut edits: Vec<(usize, &str, bool)> = breaks
        .iter()
        .map(|&n| {
            (
                lines.get(n + 1).map_or(text.len(), |(s, _)| *s),
                "\n",
                false,
            )
        })
        .chain(fills.iter().map(|&n| (lines[n].0, FILL, false)))
        .chain(math_fills.iter().map(|&n| (lines[n].0, "%", false)))
        .chain(headers.iter().map(|(n, h)| (lines[*n].0, h.as_str(), true)))
        .chain(pads.iter().map(|(at, pad)| (*at, pad.as_str(), false)))
        .collect();
    edits.sort_by_key(|e| e.0);
    let plain: Vec<(usize, &str)> = edits.iter().map(|&(at, what, _)| (at, what)).collect();
    let (text, added) = insert(&text, &plain);
    let mut tables = Tables::default();
    for (edit, &(at, len)) in edits.iter().zip(&added) {
        if edit.2 {
            tables.headers.push(at..at + len);
        }
    }
    // An offset of the body moves by what was added before it (at its start included).
    let moved = |at: usize| {
        at + edits
            .iter()
            .zip(&added)
            .take_while(|(e, _)| e.0 <= at)
            .map(|(_, &(_, len))| len)
            .sum::<usize>()
    };
    for &(start, end) in &separators {
        let shift = moved(start) - start;
        tables.separators.push(start + shift..end + shift);
    }
    // An IAL names its line in the text as parsed: whatever added lines before it (blank
    // lines, header rows, a `markdown="1"` tag split in two) is counted there.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    for (ial, &at) in ials.iter_mut().zip(&ial_starts) {
        ial.line = line_starts.partition_point(|&s| s <= moved(at)) - 1;
    }
    Prepared {
        text,
        ials,
        added,
        tables,
        abbreviations,
    }
}

/// The line of the `$$` that closes the math block opened on line `n` (whose opening `$$`
/// has no second one after it), when blank lines come before it and a block boundary (a
/// blank line, or the end) after it, as kramdown's `parse_block_math` requires. The search
/// stops at the first `$$`, so every opening line is read past once at most.
fn math_block_end(lines: &[(usize, &str)], n: usize) -> Option<usize> {
    let opening = lines[n].1.trim_start().strip_prefix("$$")?;
    if opening.contains("$$") {
        return None;
    }
    let mut blanks = false;
    for (m, (_, line)) in lines.iter().enumerate().skip(n + 1) {
        let Some(pos) = line.find("$$") else {
            blanks |= line.trim().is_empty();
            continue;
        };
        let after = line[pos + 2..].trim().is_empty();
        let boundary = lines.get(m + 1).is_none_or(|(_, l)| l.trim().is_empty());
        return (blanks && after && boundary).then_some(m);
    }
    None
}

/// What fills a blank line inside an HTML element so that CommonMark does not end the
/// block there.
const FILL: &str = "<!-- -->";

/// Inserts each text at its offset (ascending); returns the new text and, for each
/// insertion, where it starts in the new text and how long it is.
fn insert(text: &str, edits: &[(usize, &str)]) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len() + edits.len() * FILL.len());
    let mut added = Vec::with_capacity(edits.len());
    let mut copied = 0;
    for &(at, what) in edits {
        out.push_str(&text[copied..at]);
        added.push((out.len(), what.len()));
        out.push_str(what);
        copied = at;
    }
    out.push_str(&text[copied..]);
    (out, added)
}

/// Elements kramdown keeps whole as raw HTML while CommonMark would end them at a blank
/// line (and read an indented line after it as code).
const CONTAINER_TAGS: &[&str] = &[
    "table", "div", "details", "dl", "ul", "ol", "figure", "section", "article", "aside", "center",
    "form", "nav", "header", "footer",
];

/// The line that closes the element opened on line `n` (`<table>` … `</table>`, nesting
/// counted), when it is open at the end of line `n` and closes within 2,000 lines.
fn element_end(lines: &[(usize, &str)], n: usize, budget: &mut usize) -> Option<usize> {
    let t = lines[n].1.trim_start();
    if lines[n].1.len() - t.len() > 3 || !t.starts_with('<') || t.contains("markdown=") {
        return None;
    }
    let name: String = t[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if !CONTAINER_TAGS.contains(&name.as_str()) {
        return None;
    }
    let (open, close) = (format!("<{name}"), format!("</{name}"));
    let count = |line: &str| {
        let lower = line.to_ascii_lowercase();
        let opens = lower
            .match_indices(&open)
            .filter(|(i, _)| {
                lower[i + open.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == '>' || c.is_whitespace() || c == '/')
            })
            .count();
        opens as isize - lower.matches(&close).count() as isize
    };
    let mut depth = count(lines[n].1);
    if depth <= 0 {
        return None;
    }
    for (i, (_, line)) in lines.iter().enumerate().skip(n + 1).take(2000) {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        depth += count(line);
        if depth <= 0 {
            return Some(i);
        }
    }
    None
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
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "caption",
    "colgroup",
    "col",
    "legend",
    "menu",
    "option",
    "optgroup",
    "source",
    "track",
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
    if ends_with_block_close(t) {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    // CommonMark's raw blocks end on the line of their end tag, whatever follows it.
    if ["</style>", "</script>", "</pre>", "</textarea>"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        return true;
    }
    let void_block = ["<link", "<meta", "<hr", "<base"]
        .iter()
        .any(|tag| lower.starts_with(tag));
    t.ends_with('>') && (void_block || fresh && !t.starts_with("</"))
}

/// A thematic break (three or more `-`, `*` or `_`, spaces between allowed), or `===`
/// under a paragraph's line (`after_text`): either ends the block before it.
fn closes_block(t: &str, after_text: bool) -> bool {
    let mut marks = t.bytes().filter(|b| *b != b' ' && *b != b'\t');
    let Some(first) = marks.next() else {
        return false;
    };
    let Some(count) = marks.try_fold(1usize, |n, b| (b == first).then_some(n + 1)) else {
        return false;
    };
    match first {
        b'-' | b'*' | b'_' => count >= 3 || first == b'-' && after_text,
        b'=' => after_text,
        _ => false,
    }
}

/// Whether the line ends with the end tag of a block element (`…$$</p>`), line breaks
/// (`<br>`) after it allowed.
fn ends_with_block_close(line: &str) -> bool {
    let mut t = line.trim_end();
    loop {
        let lower = t.to_ascii_lowercase();
        let Some(cut) = ["<br>", "<br/>", "<br />"]
            .iter()
            .find(|b| lower.ends_with(**b))
        else {
            break;
        };
        t = t[..t.len() - cut.len()].trim_end();
    }
    let Some(open) = t.rfind("</") else {
        return false;
    };
    t.ends_with('>')
        && BLOCK_TAGS.contains(
            &t[open + 2..t.len() - 1]
                .trim()
                .to_ascii_lowercase()
                .as_str(),
        )
}

/// Whether CommonMark starts an HTML block on this line: a block tag anywhere a line
/// starts (it may interrupt a paragraph), any other tag where no paragraph is open.
fn starts_html_block(line: &str, fresh: bool) -> bool {
    let t = line.trim_start();
    if line.len() - t.len() > 3 || !t.starts_with('<') {
        return false;
    }
    let name: String = t[1..]
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    BLOCK_TAGS.contains(&name.as_str()) || fresh && !name.is_empty()
}

/// Whether a line is Markdown (or inline HTML, which kramdown puts in a paragraph) that
/// CommonMark would swallow into a preceding HTML block.
fn starts_markdown(line: &str) -> bool {
    let t = line.trim_start();
    if t.is_empty() || line.len() - t.len() >= 4 {
        return false;
    }
    let Some(tag) = t.strip_prefix('<') else {
        return true;
    };
    let name: String = tag
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    !name.is_empty()
        && !BLOCK_TAGS.contains(&name.as_str())
        && !matches!(
            name.as_str(),
            "script" | "style" | "pre" | "textarea" | "link" | "meta"
        )
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
    let Some((pos, len)) = markdown_attr(line) else {
        return;
    };
    let after = &line[pos + len..];
    // The attribute must end the opening tag: `…markdown="1">`.
    if !after.trim_end().starts_with('>') {
        return;
    }
    let gt = pos + len + after.find('>').unwrap_or(0);
    let (a, b) = (start + pos, start + gt);
    // `<div class="x" markdown="1">` → `<div class="x">` `\n` and spaces.
    text[a] = b'>';
    text[a + 1] = b'\n';
    for byte in &mut text[a + 2..=b] {
        *byte = b' ';
    }
}

/// Where ` markdown="1"` is in the line and how long it is: the value `1`, `block` or
/// `span`, quoted or not, with blanks around `=` as kramdown allows (`markdown = "1"`).
fn markdown_attr(line: &str) -> Option<(usize, usize)> {
    line.match_indices(" markdown")
        .find_map(|(pos, _)| markdown_attr_at(line, pos))
}

/// [`markdown_attr`] for the ` markdown` at `pos`.
fn markdown_attr_at(line: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = &line[pos + " markdown".len()..];
    let after_name = rest.trim_start_matches([' ', '\t']);
    let after_eq = after_name
        .strip_prefix('=')?
        .trim_start_matches([' ', '\t']);
    let value_len = [
        "\"1\"",
        "\"block\"",
        "\"span\"",
        "'1'",
        "'block'",
        "'span'",
        "1",
    ]
    .iter()
    .find(|v| after_eq.starts_with(**v))?
    .len();
    let len = line.len() - pos - (after_eq.len() - value_len);
    Some((pos, len))
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
    fn the_markdown_attribute_is_found_after_a_lookalike_and_with_blanks() {
        for line in [
            "<div markdown=\"1\">",
            "<div markdown = \"1\">",
            "<div data-x=\" markdown\" markdown='block'>",
        ] {
            let (pos, len) = markdown_attr(line).unwrap_or_else(|| panic!("{line}"));
            assert!(line[pos + len..].starts_with('>'), "{line}");
        }
        assert_eq!(markdown_attr("<div data-x=\" markdown\">"), None);
        assert_eq!(markdown_attr("<div markdown=\"0\">"), None);
    }

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
        let p = prepare(body, true);
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
    fn a_numbered_item_under_text_is_looked_for_cheaply() {
        assert!(numbered_under_text("할 일:\n14. 고치기\n"));
        assert!(wanted("할 일:\n14. 고치기\n", true));
        for no in [
            "1. 하나\n2. 둘\n",
            "할 일:\n1. 하나\n",
            "- 항목\n  글\n3. 셋\n",
            "글\n\n2. 둘\n",
            "글\n2024.\n",
        ] {
            assert!(!numbered_under_text(no), "{no}");
        }
    }

    #[test]
    fn an_ial_after_a_markdown_block_names_the_line_in_the_text() {
        // `<div markdown="1">` becomes two lines of the text: the IAL after it counts both.
        let body = "<div class=\"box\" markdown=\"1\">\n글\n</div>\n\n문단\n{: .x}\n";
        let p = prepare(body, true);
        let ial = &p.ials[0];
        assert_eq!(ial.target, Target::Before);
        assert_eq!(p.text.lines().nth(ial.line - 1), Some("문단"), "{}", p.text);
    }

    #[test]
    fn html_blocks_end_at_their_closing_tag() {
        let body = "<div class=\"box\">글</div>\n**굵게**\n\n<img src=\"a.png\">\n*설명*\n{: .x}\n";
        let p = prepare(body, true);
        assert_eq!(
            p.text,
            "<div class=\"box\">글</div>\n\n**굵게**\n\n<img src=\"a.png\">\n\n*설명*\n      \n"
        );
        assert_eq!(p.added, [(27, 1), (58, 1)]);
        assert_eq!(p.original_offset(28), 27);
        assert_eq!(p.original_offset(60), 58);
        // The IAL's line counts the added blank lines.
        assert_eq!(p.ials[0].line, 7);
    }

    #[test]
    fn html_lines_after_fences_and_link_tags_do_not_swallow_markdown() {
        let body = "```\r\ncode\r\n```\r\n<br>\r\n```text\r\nout\r\n```\r\n### 제목\r\n<script src=\"x.js\"></script>\r\n<link rel=\"stylesheet\" href=\"a.css\">\r\n**굵게**\r\n";
        let p = prepare(body, true);
        assert!(p.text.contains("<br>\r\n\n```text"), "{:?}", p.text);
        assert!(p.text.contains("a.css\">\r\n\n**굵게**"), "{:?}", p.text);
    }

    #[test]
    fn a_paragraph_element_over_several_lines_ends_at_its_end_tag() {
        let body = "글\n<p>$$\nx^2\n$$</p>\n다음 **굵게**\n";
        let p = prepare(body, true);
        assert_eq!(p.text, "글\n<p>$$\nx^2\n$$</p>\n\n다음 **굵게**\n");
        let body = "<div><img src=\"a.png\" /></div><br><br>\n**굵게**\n";
        assert_eq!(
            prepare(body, true).text,
            "<div><img src=\"a.png\" /></div><br><br>\n\n**굵게**\n"
        );
        // After the added blank line, an inline tag line starts its own block.
        let body = "글\n<div><img src=\"a.png\"></div>\n<br>\n**굵게**\n";
        let p = prepare(body, true);
        assert_eq!(
            p.text,
            "글\n<div><img src=\"a.png\"></div>\n\n<br>\n\n**굵게**\n"
        );
    }

    #[test]
    fn a_math_block_with_blank_lines_stays_one_block() {
        let body = "글\n\n$$\na = b\n\n  \n| c |\n$$\n\n다음\n";
        let p = prepare(body, true);
        assert_eq!(p.text, "글\n\n$$\na = b\n%\n%  \n| c |\n$$\n\n다음\n");
        assert_eq!(
            p.original_offset(p.text.find("| c |").unwrap()),
            body.find("| c |").unwrap()
        );
        // Not a block: under a line of text, closed on its own line, followed by text, or
        // never closed; and not on a page kramdown does not read.
        for body in [
            "글\n$$\na\n\nb\n$$\n",
            "$$ a $$\n\nb\n",
            "$$\na\n\nb\n$$\n글\n",
            "$$\na\n\nb\n",
        ] {
            assert_eq!(prepare(body, true).text, body, "{body:?}");
        }
        assert!(!wanted("$$\na\n\nb\n$$\n", false));
    }

    #[test]
    fn a_table_with_blank_lines_and_tabs_stays_one_html_block() {
        let body = "<table>\n\n\t<tr>\n\t\t<td>1</td>\n\t</tr>\n\n</table>\n**굵게**\n";
        let p = prepare(body, true);
        assert_eq!(
            p.text,
            "<table>\n<!-- -->\n\t<tr>\n\t\t<td>1</td>\n\t</tr>\n<!-- -->\n</table>\n\n**굵게**\n"
        );
        assert_eq!(
            p.original_offset(p.text.find("**").unwrap()),
            body.find("**").unwrap()
        );
        // CommonMark's reading where kramdown's is not wanted.
        assert_eq!(prepare(body, false).text, body);
    }

    #[test]
    fn indented_code_is_left_alone_but_list_items_are_not_code() {
        let body =
            "글\n\n    {: .x}\n    <div markdown=\"1\">\n\n- 항목\n\n    항목 안\n    {: .y}\n";
        let p = prepare(body, true);
        assert!(
            p.text.contains("    {: .x}\n    <div markdown=\"1\">"),
            "{}",
            p.text
        );
        assert!(!p.text.contains("{: .y}"), "{}", p.text);
    }

    #[test]
    fn definitions_comments_and_markdown_blocks() {
        let body = "{:warn: .notice--warning}\n텍스트\n{: warn}\n\n{::comment}\n숨김\n{:/comment}\n<div class=\"x\" markdown=\"1\">\n**굵게**\n</div>\n";
        let p = prepare(body, true);
        assert_eq!(p.ials[0].attrs.classes, ["notice--warning"]);
        assert!(!p.text.contains("숨김"));
        assert!(p.text.contains("<div class=\"x\">\n"), "{}", p.text);
        assert_eq!(p.text.len(), body.len());
    }
}
