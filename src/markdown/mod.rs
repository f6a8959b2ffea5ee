//! Markdown → HTML: GFM extensions, Unicode heading ids, table of contents, summary,
//! build-time highlighting, link rewriting and reading statistics, in one pass over
//! pulldown-cmark's events.

pub mod attrs;
pub mod cjk;
mod contrast;
pub mod emoji;
pub mod highlight;
pub mod highlight_cache;
mod line_memo;
pub mod plain;
mod quotes;
pub mod reading;
mod span_ial;
pub mod text;
pub mod toc;

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options as CmarkOptions, Parser, Tag, TagEnd,
};

use crate::config::MarkdownConfig;
use crate::content::slug::{encode_path, heading_id};
use crate::jekyll::{kramdown, kramdown_escape};
use highlight::{Highlighted, Highlighter};
use reading::TextStats;
use toc::TocEntry;

/// What the renderer needs from the rest of the build.
pub struct RenderOptions<'a> {
    pub config: &'a MarkdownConfig,
    pub highlighter: &'a Highlighter,
    /// Rewrites a link or image destination (root-relative paths under the base path,
    /// relative paths to other content files); `None` leaves it as written.
    pub resolve_link: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// When the front matter has no title, the first `# ` heading becomes the title and is
    /// taken out of the body.
    pub take_title_from_h1: bool,
    /// `$$…$$` and `$…$` are math (the page or site turned math on); on a kramdown page
    /// (`kramdown`) `$$…$$` is anyway.
    pub math: bool,
    /// The page's language, for the titles of GitHub alerts (`> [!NOTE]`).
    pub language: &'a str,
    /// A Jekyll page: HTML blocks end and hold together where kramdown's do.
    pub kramdown: bool,
    /// The folder relative image paths are under (Chirpy's `media_subpath`).
    pub media_subpath: Option<&'a str>,
}

/// Sees every event the renderer reads, in order: for analyses that ride along the one walk
/// over a post (the retrospective outline).
pub trait Observer {
    /// An event and its range in the Markdown source.
    fn event(&mut self, event: &Event<'_>, range: std::ops::Range<usize>);
}

/// What one rendering adds for the rest of the build.
#[derive(Default)]
pub struct Extras<'a> {
    pub observer: Option<&'a mut dyn Observer>,
    /// Accessible names of task-list checkboxes, (checked, unchecked): `완료`/`미완료`, or
    /// `달성`/`미달성` in a retrospective. Without them, checkboxes have no name.
    pub task_labels: Option<(&'a str, &'a str)>,
}

/// A problem worth telling the writer about that does not stop the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Byte offset in the Markdown body.
    pub offset: usize,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Rendered {
    /// The page's HTML; empty once [`Rendered::pack`] has compressed it.
    pub html: String,
    /// The HTML, LZ4-compressed, while a large build waits to write the page.
    packed: Option<Vec<u8>>,
    pub toc: Vec<TocEntry>,
    /// HTML before `<!-- more -->`, else the first paragraph.
    pub summary: String,
    /// True when the content goes on past the summary.
    pub has_more: bool,
    pub stats: TextStats,
    pub title: Option<String>,
    pub warnings: Vec<Warning>,
    /// The page has math (`$$…$$`) or Mermaid diagrams: the theme loads their scripts.
    pub has_math: bool,
    pub has_mermaid: bool,
}

impl Rendered {
    /// The page's HTML.
    pub fn html(&self) -> std::borrow::Cow<'_, str> {
        match &self.packed {
            None => std::borrow::Cow::Borrowed(&self.html),
            Some(bytes) => lz4_flex::decompress_size_prepended(bytes)
                .ok()
                .and_then(|b| crate::utf8::string_from(b).ok())
                .map_or(std::borrow::Cow::Borrowed(""), std::borrow::Cow::Owned),
        }
    }

    /// Compresses the HTML in memory (about a quarter of its size for a blog post): a large
    /// build holds every page's HTML from the Markdown phase until the page is written.
    pub fn pack(&mut self) {
        if self.packed.is_none() {
            self.packed = Some(lz4_flex::compress_prepend_size(self.html.as_bytes()));
            self.html = String::new();
        }
    }
}

const MORE_MARKERS: &[&str] = &["<!-- more -->", "<!--more-->"];

pub fn cmark_options(config: &MarkdownConfig) -> CmarkOptions {
    let mut o = CmarkOptions::ENABLE_TABLES
        | CmarkOptions::ENABLE_FOOTNOTES
        | CmarkOptions::ENABLE_STRIKETHROUGH
        | CmarkOptions::ENABLE_TASKLISTS
        | CmarkOptions::ENABLE_HEADING_ATTRIBUTES
        | CmarkOptions::ENABLE_GFM
        | CmarkOptions::ENABLE_DEFINITION_LIST;
    if config.smart_punctuation {
        o |= CmarkOptions::ENABLE_SMART_PUNCTUATION;
    }
    o
}

pub fn render(body: &str, opts: &RenderOptions) -> Rendered {
    render_with(body, opts, Extras::default())
}

/// [`render`], with an observer of the events and labels for task-list checkboxes.
pub fn render_with(body: &str, opts: &RenderOptions, extras: Extras) -> Rendered {
    let Extras {
        mut observer,
        task_labels,
    } = extras;
    // kramdown's block syntax (IALs, {:toc}, markdown="1") out of the source first.
    let prepared =
        kramdown::wanted(body, opts.kramdown).then(|| kramdown::prepare(body, opts.kramdown));
    let source = prepared.as_ref().map_or(body, |p| p.text.as_str());
    // The observer reads ranges of `body`: what kramdown's preparation added is mapped away.
    let mut see = |e: &Event, range: &std::ops::Range<usize>| {
        if let Some(o) = observer.as_deref_mut() {
            let range = match &prepared {
                Some(p) => p.original_offset(range.start)..p.original_offset(range.end),
                None => range.clone(),
            };
            o.event(e, range);
        }
    };
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::with_capacity(source.len() / 16);
    let mut headings: Vec<TocEntry> = Vec::new();
    let mut hidden_headings: Vec<String> = Vec::new();
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    // Math is parsed where the page or site asks for it, and where kramdown would: on a
    // Jekyll page with `$$` in it (kramdown's only math). Elsewhere `$` is only a dollar sign,
    // as in CommonMark: `**$0.08**, 6장에 **$0.12**` is two prices in bold, not a formula.
    let kramdown_math = opts.kramdown && memchr::memmem::find(source.as_bytes(), b"$$").is_some();
    let parsed = parse(source, opts.config, opts.math || kramdown_math);
    let parsed = match &prepared {
        Some(p) if !p.tables.is_empty() => p.tables.filter(parsed),
        _ => parsed,
    };
    let targets = match &prepared {
        Some(p) if !p.ials.is_empty() => attrs::block_targets(source, &p.ials, &parsed),
        _ => HashMap::new(),
    };
    let mut block_attrs: Vec<kramdown::Attrs> = Vec::new();
    let mut toc_at: Option<usize> = None;
    let mut link_starts: Vec<usize> = Vec::new();
    let mut parser = parsed
        .into_iter()
        .enumerate()
        .map(|(i, (e, r))| (i, e, r))
        .peekable();
    let mut want_title = opts.take_title_from_h1;
    let mut footnotes: Vec<String> = Vec::new();
    // Where each footnote's definition is in `events`, and its number: moved to the end.
    let mut notes: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut blocks: Vec<CodeBlock> = Vec::new();

    while let Some((index, event, range)) = parser.next() {
        see(&event, &range);
        let target = targets.get(&index);
        if let Some(a) = target {
            match &event {
                Event::Start(Tag::Heading { .. }) => {}
                Event::Start(Tag::List(_)) if a.refs.iter().any(|r| r == "toc") => {
                    // kramdown's `* TOC` + `{:toc}`: the list becomes the table of contents.
                    let mut depth = 1;
                    for (_, e, r) in parser.by_ref() {
                        see(&e, &r);
                        match e {
                            Event::Start(Tag::List(_)) => depth += 1,
                            Event::End(TagEnd::List(_)) => depth -= 1,
                            _ => {}
                        }
                        if depth == 0 {
                            break;
                        }
                    }
                    toc_at = Some(events.len());
                    events.push(Event::Html(CowStr::Borrowed("")));
                    continue;
                }
                _ => {
                    events.push(Event::Html(
                        format!("{}{}-->", attrs::MARKER, block_attrs.len()).into(),
                    ));
                    block_attrs.push(a.clone());
                }
            }
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                mut classes,
                mut attrs,
            }) => {
                let mut id = id;
                if let Some(a) = target {
                    if let Some(new) = &a.id {
                        id = Some(CowStr::from(new.clone()));
                    }
                    classes.extend(a.classes.iter().map(|c| CowStr::from(c.clone())));
                    attrs.extend(
                        a.pairs
                            .iter()
                            .map(|(k, v)| (CowStr::from(k.clone()), Some(CowStr::from(v.clone())))),
                    );
                }
                let mut inner = Vec::new();
                let mut text = String::new();
                let mut starts = Vec::new();
                while let Some((_, e, r)) = parser.next() {
                    see(&e, &r);
                    // A span IAL after inline code or a link in a heading (Chirpy's
                    // `## `_config.yml`{: .filepath}`): on the element, not in the text.
                    let rest = match e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) => {
                            text.push_str(&t);
                            inner.push(Event::Text(t));
                            None
                        }
                        Event::Code(t) => {
                            text.push_str(&t);
                            let (ial, rest) = span_ial::take(&mut parser);
                            inner.push(span_ial::code(t, ial));
                            rest
                        }
                        Event::End(TagEnd::Link) => {
                            let (ial, rest) = span_ial::take(&mut parser);
                            span_ial::close_link(&mut inner, starts.pop(), ial);
                            rest
                        }
                        // Math as in the body (below): in delimiters the browser typesets,
                        // and in the text the table of contents and the id are made from.
                        Event::InlineMath(m) if !opts.math => {
                            let m = inline_math(&m, opts);
                            out.stats.add(&m);
                            let dollars = format!("${m}$");
                            text.push_str(&dollars);
                            inner.push(Event::Text(dollars.into()));
                            None
                        }
                        Event::InlineMath(ref m) | Event::DisplayMath(ref m) => {
                            let m = if matches!(e, Event::InlineMath(_)) {
                                inline_math(m, opts)
                            } else {
                                Cow::Borrowed(m.as_ref())
                            };
                            out.stats.add(&m);
                            out.has_math = true;
                            let tex = format!("\\({}\\)", m.trim());
                            inner.push(Event::InlineHtml(escape_html(&tex).into()));
                            text.push_str(&tex);
                            None
                        }
                        e => {
                            if matches!(e, Event::Start(Tag::Link { .. })) {
                                starts.push(inner.len());
                            }
                            inner.push(rewrite_link(e, opts));
                            None
                        }
                    };
                    if let Some(rest) = rest {
                        text.push_str(&rest);
                        inner.push(Event::Text(rest.into()));
                    }
                }
                out.stats.add(&text);
                if want_title && level == HeadingLevel::H1 {
                    want_title = false;
                    out.title = Some(text.trim().to_string());
                    if events.is_empty() {
                        // The title heading opens the body: the theme shows it already.
                        continue;
                    }
                }
                let base = match id {
                    Some(id) => id.to_string(),
                    None => heading_id(&text),
                };
                let id = unique_id(&mut used_ids, base);
                if classes.iter().any(|c| c.as_ref() == "no_toc") {
                    hidden_headings.push(id.clone());
                }
                headings.push(TocEntry {
                    level: level as u8,
                    url: format!("#{}", encode_path(&id)),
                    id: id.clone(),
                    title: text.trim().to_string(),
                    children: Vec::new(),
                });
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for (_, e, r) in parser.by_ref() {
                    see(&e, &r);
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                let lang: String = match &kind {
                    CodeBlockKind::Fenced(info) => info
                        .split([' ', ',', '{', '\t'])
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                if lang == "mermaid" {
                    // A diagram: Mermaid draws it in the browser from the text.
                    out.has_mermaid = true;
                    events.push(Event::Html(
                        format!("<pre class=\"mermaid\">{}</pre>\n", escape_html(&code)).into(),
                    ));
                    continue;
                }
                blocks.push(CodeBlock {
                    event: events.len(),
                    lang,
                    code,
                    offset: prepared
                        .as_ref()
                        .map_or(range.start, |p| p.original_offset(range.start)),
                });
                events.push(Event::Html(CowStr::Borrowed("")));
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let mut alt = String::new();
                for (_, e, r) in parser.by_ref() {
                    see(&e, &r);
                    match e {
                        Event::End(TagEnd::Image) => break,
                        Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                        _ => {}
                    }
                }
                let under = opts
                    .media_subpath
                    .and_then(|sub| crate::jekyll::media::under(sub, &dest_url));
                let dest = under.as_deref().unwrap_or(&dest_url);
                let src = (opts.resolve_link)(dest).unwrap_or_else(|| dest.to_string());
                let mut html = format!(
                    "<img src=\"{}\" alt=\"{}\"",
                    escape_attr(&src),
                    escape_attr(&alt)
                );
                if !title.is_empty() {
                    html.push_str(&format!(" title=\"{}\"", escape_attr(&title)));
                }
                let (ial, rest) = span_ial::take(&mut parser);
                if let Some(a) = ial {
                    html.push_str(&attrs::to_html(&a, None));
                }
                html.push_str(" loading=\"lazy\" decoding=\"async\">");
                events.push(Event::InlineHtml(html.into()));
                if let Some(rest) = rest {
                    out.stats.add(&rest);
                    events.push(Event::Text(rest.into()));
                }
            }
            Event::Start(Tag::Link { .. }) => {
                link_starts.push(events.len());
                events.push(rewrite_link(event, opts));
            }
            Event::End(TagEnd::Link) => {
                let (ial, rest) = span_ial::take(&mut parser);
                span_ial::close_link(&mut events, link_starts.pop(), ial);
                if let Some(rest) = rest {
                    out.stats.add(&rest);
                    events.push(Event::Text(rest.into()));
                }
            }
            Event::Text(t) => {
                out.stats.add(&t);
                match emoji::replace(&t) {
                    Some(with) => events.push(Event::Text(with.into())),
                    None => events.push(Event::Text(t)),
                }
            }
            // kramdown's math: `\(…\)` inline, `\[…\]` for a formula that is a paragraph of its
            // own, for MathJax or KaTeX to typeset in the browser.
            Event::InlineMath(m) if !opts.math => {
                let m = inline_math(&m, opts);
                out.stats.add(&m);
                events.push(Event::Text(format!("${m}$").into()));
            }
            Event::InlineMath(m) => {
                out.has_math = true;
                events.push(Event::InlineHtml(
                    format!("\\({}\\)", escape_html(&inline_math(&m, opts))).into(),
                ));
            }
            Event::DisplayMath(m) => {
                out.has_math = true;
                let alone = matches!(events.last(), Some(Event::Start(Tag::Paragraph)))
                    && matches!(parser.peek(), Some((_, Event::End(TagEnd::Paragraph), _)));
                let (open, close) = if alone {
                    ("\\[", "\\]")
                } else {
                    ("\\(", "\\)")
                };
                events.push(Event::InlineHtml(
                    format!("{open}{}{close}", escape_html(m.trim())).into(),
                ));
            }
            Event::Code(t) => {
                out.stats.add(&t);
                // `code`{: .filepath}: kramdown's span IAL on inline code.
                let (ial, rest) = span_ial::take(&mut parser);
                events.push(span_ial::code(t, ial));
                if let Some(rest) = rest {
                    out.stats.add(&rest);
                    events.push(Event::Text(rest.into()));
                }
            }
            Event::SoftBreak if opts.config.hard_breaks => events.push(Event::HardBreak),
            Event::TaskListMarker(checked) if task_labels.is_some() => {
                let (done, open) = task_labels.unwrap_or_default();
                let (attr, label) = if checked {
                    (" checked=\"\"", done)
                } else {
                    ("", open)
                };
                events.push(Event::InlineHtml(
                    format!(
                        "<input disabled=\"\" type=\"checkbox\"{attr} aria-label=\"{}\"/>\n",
                        escape_attr(label)
                    )
                    .into(),
                ));
            }
            Event::FootnoteReference(name) => {
                let n = footnote_number(&mut footnotes, &name);
                let id = encode_path(&name);
                events.push(Event::InlineHtml(
                    format!("<sup class=\"footnote-reference\" id=\"fnref-{id}\"><a href=\"#fn-{id}\">{n}</a></sup>").into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let n = footnote_number(&mut footnotes, &name);
                let id = encode_path(&name);
                notes.push((n, events.len()..events.len()));
                events.push(Event::Html(
                    format!("<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\"><a href=\"#fnref-{id}\">{n}</a></sup>\n").into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                events.push(Event::Html("</div>\n".into()));
                if let Some((_, range)) = notes.last_mut() {
                    range.end = events.len();
                }
            }
            // GitHub alerts, titled as GitHub shows them.
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert(kind, opts.language);
                events.push(Event::Html(
                    format!("<blockquote class=\"markdown-alert markdown-alert-{class}\">\n<p class=\"markdown-alert-title\">{title}</p>\n").into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                events.push(Event::Html("</blockquote>\n".into()))
            }
            other => events.push(rewrite_link(other, opts)),
        }
    }

    // A post's code blocks are highlighted side by side: the first block in a language
    // compiles that grammar's regexes, which for a large grammar (TypeScript: about 200 ms)
    // would otherwise hold up every block after it. Posts already render in parallel, so
    // this matters for small sites, where one post holds most of the code.
    let highlighted: Vec<(String, Option<Warning>)> = if blocks.len() > 1 {
        blocks.par_iter().map(|b| code_block(b, opts)).collect()
    } else {
        blocks.iter().map(|b| code_block(b, opts)).collect()
    };
    for (block, (html, warning)) in blocks.iter().zip(highlighted) {
        events[block.event] = Event::Html(html.into());
        out.warnings.extend(warning);
    }

    if let Some(at) = toc_at {
        let shown: Vec<TocEntry> = headings
            .iter()
            .filter(|h| !hidden_headings.contains(&h.id))
            .cloned()
            .collect();
        events[at] = Event::Html(toc::kramdown_html(&toc::nest(shown)).into());
    }
    // Footnotes first: their places are indices into `events`, which abbreviations change.
    let events = footnotes_last(events, notes);
    let events = match &prepared {
        Some(p) if !p.abbreviations.is_empty() => p.abbreviations.apply(events),
        _ => events,
    };
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if !block_attrs.is_empty() {
        html = attrs::inject(&html, &block_attrs);
    }
    headings.retain(|h| !hidden_headings.contains(&h.id));
    out.toc = toc::nest(headings);
    let (summary, has_more) = summarize(&html);
    out.summary = summary;
    out.has_more = has_more;
    out.html = html;
    out
}

/// The footnotes' definitions moved to the end, in the order of their numbers (the order
/// the text first names them), wherever they were written: as GitHub, kramdown and Hugo
/// show them.
fn footnotes_last<'a>(
    events: Vec<Event<'a>>,
    mut notes: Vec<(usize, std::ops::Range<usize>)>,
) -> Vec<Event<'a>> {
    if notes.is_empty() {
        return events;
    }
    let mut slots: Vec<Option<Event<'a>>> = events.into_iter().map(Some).collect();
    notes.sort_by_key(|(n, _)| *n);
    let mut moved = Vec::new();
    for (_, range) in &notes {
        moved.extend(slots[range.clone()].iter_mut().filter_map(Option::take));
    }
    slots.into_iter().flatten().chain(moved).collect()
}

/// Single-dollar math as the page's Markdown means it: on a Jekyll page, where kramdown
/// reads `$…$` as text, without kramdown's backslash escapes ([`kramdown_escape`]).
fn inline_math<'a>(m: &'a str, opts: &RenderOptions) -> Cow<'a, str> {
    if opts.kramdown {
        kramdown_escape::unescape(m)
    } else {
        Cow::Borrowed(m)
    }
}

/// The class and the title of a GitHub alert.
fn alert(kind: pulldown_cmark::BlockQuoteKind, language: &str) -> (&'static str, &'static str) {
    use pulldown_cmark::BlockQuoteKind as K;
    let ko = crate::i18n::is_korean(language);
    match kind {
        K::Note => ("note", if ko { "참고" } else { "Note" }),
        K::Tip => ("tip", if ko { "팁" } else { "Tip" }),
        K::Important => ("important", if ko { "중요" } else { "Important" }),
        K::Warning => ("warning", if ko { "경고" } else { "Warning" }),
        K::Caution => ("caution", if ko { "주의" } else { "Caution" }),
    }
}

/// Renders a short Markdown snippet (an `excerpt` from front matter) without the extras.
pub fn render_snippet(text: &str, config: &MarkdownConfig) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        parse(text, config, false).into_iter().map(|(e, _)| e),
    );
    html
}

/// pulldown-cmark's events with their source ranges, emphasis re-resolved with the
/// CJK-friendly rules when enabled.
fn parse<'a>(body: &'a str, config: &MarkdownConfig, math: bool) -> Vec<cjk::OffsetEvent<'a>> {
    let mut options = cmark_options(config);
    if math {
        options |= CmarkOptions::ENABLE_MATH;
    }
    let events = Parser::new_ext(body, options).into_offset_iter().collect();
    if config.cjk_friendly_emphasis {
        // Quotes first: they are still one event each.
        let events = if config.smart_punctuation {
            quotes::apply(body, events)
        } else {
            events
        };
        cjk::apply(body, events)
    } else {
        events
    }
}

fn summarize(html: &str) -> (String, bool) {
    // The first "<!--" that is a more marker (memchr's SIMD search: this runs over every
    // post's whole HTML).
    let more = memchr::memmem::find_iter(html.as_bytes(), b"<!--").find_map(|pos| {
        MORE_MARKERS
            .iter()
            .find(|marker| html[pos..].starts_with(*marker))
            .map(|marker| (pos, marker.len()))
    });
    if let Some((pos, len)) = more {
        let rest = html[pos + len..].trim();
        return (html[..pos].trim_end().to_string(), !rest.is_empty());
    }
    if let Some(start) = html.find("<p>")
        && let Some(len) = html[start..].find("</p>")
    {
        let end = start + len + "</p>".len();
        let summary = html[start..end].to_string();
        let has_more = !html[end..].trim().is_empty() || start > 0;
        return (summary, has_more);
    }
    (String::new(), !html.trim().is_empty())
}

fn unique_id(used: &mut HashMap<String, usize>, base: String) -> String {
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    if !used.contains_key(&base) {
        used.insert(base.clone(), 0);
        return base;
    }
    let mut n = used[&base];
    loop {
        n += 1;
        let candidate = format!("{base}-{n}");
        if !used.contains_key(&candidate) {
            used.insert(base, n);
            used.insert(candidate.clone(), 0);
            return candidate;
        }
    }
}

/// Footnotes are numbered in the order they are first referenced (or defined).
fn footnote_number(seen: &mut Vec<String>, name: &str) -> usize {
    match seen.iter().position(|n| n == name) {
        Some(i) => i + 1,
        None => {
            seen.push(name.to_string());
            seen.len()
        }
    }
}

fn rewrite_link<'a>(event: Event<'a>, opts: &RenderOptions) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = match (opts.resolve_link)(&dest_url) {
                Some(new) => CowStr::from(new),
                None => dest_url,
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        // Chirpy puts every image of a post under its media folder, raw HTML ones too.
        Event::Html(h) => match raw_images(&h, opts) {
            Some(new) => Event::Html(new.into()),
            None => Event::Html(h),
        },
        Event::InlineHtml(h) => match raw_images(&h, opts) {
            Some(new) => Event::InlineHtml(new.into()),
            None => Event::InlineHtml(h),
        },
        other => other,
    }
}

/// Raw HTML with its `<img>` sources under the page's media folder, when it has one and an
/// image to move.
fn raw_images(html: &str, opts: &RenderOptions) -> Option<String> {
    let sub = opts.media_subpath?;
    let b = html.as_bytes();
    let image =
        memchr::memmem::find(b, b"<im").is_some() || memchr::memmem::find(b, b"<IM").is_some();
    image
        .then(|| crate::jekyll::media::img_srcs(html, sub, opts.resolve_link))
        .flatten()
}

/// A code block of the post, waiting for its HTML at `events[event]`.
struct CodeBlock {
    event: usize,
    lang: String,
    code: String,
    /// Where the block starts in the Markdown body.
    offset: usize,
}

/// A code block's HTML, and the warning for a language no grammar knows. The block can be
/// focused (`tabindex="0"`): a long line scrolls it sideways, and keyboards must reach that.
fn code_block(block: &CodeBlock, opts: &RenderOptions) -> (String, Option<Warning>) {
    let CodeBlock {
        lang, code, offset, ..
    } = block;
    let escaped_lang = escape_attr(lang);
    if lang.is_empty() {
        let html = format!(
            "<pre class=\"code\" tabindex=\"0\"><code>{}</code></pre>\n",
            escape_html(code)
        );
        return (html, None);
    }
    let mut warning = None;
    if opts.config.highlight {
        match opts.highlighter.highlight(lang, code) {
            Highlighted::Html(inner) => {
                let html = format!(
                    "<pre class=\"code hl-code\" data-lang=\"{escaped_lang}\" tabindex=\"0\"><code class=\"language-{escaped_lang}\">{inner}</code></pre>\n"
                );
                return (html, None);
            }
            Highlighted::Unknown => {
                warning = Some(Warning {
                    offset: *offset,
                    message: format!(
                        "unknown language `{lang}` in a code block: shown without highlighting"
                    ),
                })
            }
            Highlighted::Plain => {}
        }
    }
    let html = format!(
        "<pre class=\"code\" data-lang=\"{escaped_lang}\" tabindex=\"0\"><code class=\"language-{escaped_lang}\">{}</code></pre>\n",
        escape_html(code)
    );
    (html, warning)
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
