//! The site search index, `search-index.json`: written by the build, fetched lazily by the
//! search page (`themes/default/static/js/search.js`).
//!
//! Whitespace tokenizers index `서울은` as one word, so a search for `서울` finds nothing.
//! Here text is cut by script, and the query is cut the same way in the browser:
//! - Hangul runs become syllable bigrams (`서울은` → `서울`, `울은`); a one-syllable run is
//!   kept whole (`책`). A query for `서울` then looks up one key; `서울에서` all of `서울`,
//!   `울에`, `에서`; a one-syllable query (`책`) every key that contains it.
//! - Han ideographs and kana, which Chinese and Japanese write without spaces, the same way.
//! - Other letters and digits as words, lower-cased (`Rust` → `rust`), cut at 24 characters;
//!   the browser matches a query word of two or more characters as a prefix of these words.
//!
//! Everything is NFKC-normalized first (decomposed Hangul from macOS, full-width Latin).
//!
//! Whole Hangul words (`서울은` itself) are not keys: the bigrams already find every
//! substring of two or more syllables, and in real Korean prose whole words would add about
//! half as many keys again (the seed retrospectives: 1,479 distinct words beside 2,889
//! bigram and other keys in one post) for nothing but ranking, which the browser does on
//! titles and tags directly.
//!
//! The file is an inverted index over every word of every post (title, tags, description and
//! the whole body) plus, per post, what a result shows: title, URL, ISO date, tags and the
//! opening of the body as plain text ([`SNIPPET_CHARS`]) for the snippet. Posting lists are
//! strings, whichever is shorter of
//! - a bitmap over the posts: `~` then 6 bits per character (post `i` is bit `i % 6` of
//!   character `i / 6`), for keys most posts contain, or
//! - the gaps between post numbers (the first number itself, then each minus the one before),
//!   5 bits per character, low bits first, with value bit 32 set on every character but a
//!   number's last,
//!
//! in the URL-safe base64 alphabet. Posts are numbered in `posts` order: newest first.
//! Keys and posts are sorted, so two builds of one site write identical bytes.
//!
//! [`SearchIndex`] keeps each post's share by source file, so `serve --watch` recomputes only
//! the posts that changed and then reassembles the file from cached parts.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::PathBuf;

use rayon::prelude::*;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::Site;
use crate::content::slug::slugify;
use crate::output::OutputFile;

/// Where the index is written.
pub const INDEX_FILE: &str = "search-index.json";
/// Where the default theme's search page is written.
pub const SEARCH_PAGE: &str = "search/index.html";
/// Characters of body text kept per post for result snippets. The index itself covers the
/// whole body; this text is only what a result can show and highlight. It is most of the
/// file: on the 1,000-post benchmark corpus (about 13 KB of plain text per post) 300
/// characters make 585 KB of the 700 KB index (156 KB gzipped); 2,000 would make it ~3.3 MB.
pub const SNIPPET_CHARS: usize = 300;
/// Longer words (hashes, URLs in code) are cut to this many characters, in the query too.
pub const MAX_WORD_CHARS: usize = 24;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Not part of any token.
    Space,
    /// Letters and digits of alphabetic scripts (and anything else alphanumeric).
    Word,
    Hangul,
    /// Han ideographs and kana.
    Cjk,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Space
        };
    }
    match c {
        '\u{AC00}'..='\u{D7A3}'
        | '\u{1100}'..='\u{11FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{D7B0}'..='\u{D7FF}' => Class::Hangul,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{FF66}'..='\u{FF9D}' => Class::Cjk,
        c if c.is_alphanumeric() => Class::Word,
        _ => Class::Space,
    }
}

/// NFKC, skipping the work for text that is already normalized (nearly all of it).
fn normalize(text: &str) -> Cow<'_, str> {
    let simple = text
        .chars()
        .all(|c| c.is_ascii() || ('\u{AC00}'..='\u{D7A3}').contains(&c));
    if simple || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// ASCII letters lower-cased, borrowing when there are none to change.
fn ascii_lower(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(t) if !t.bytes().any(|b| b.is_ascii_uppercase()) => Cow::Borrowed(t),
        t => Cow::Owned(t.to_ascii_lowercase()),
    }
}

/// A word as the index keys it: lower-cased, at most [`MAX_WORD_CHARS`] characters. Its
/// ASCII letters are already lower-cased ([`ascii_lower`]).
fn word_key(word: &str) -> Cow<'_, str> {
    // As JavaScript's `toLowerCase`, which search.js applies to the query.
    let lower: Cow<str> = if word.is_ascii() {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    };
    if lower.len() <= MAX_WORD_CHARS {
        return lower;
    }
    match lower.char_indices().nth(MAX_WORD_CHARS) {
        Some((cut, _)) => Cow::Owned(lower[..cut].to_string()),
        None => lower,
    }
}

/// Calls `emit` with every token of `text` (already normalized), in order, repeats included.
fn each_token<'a>(text: &'a str, emit: &mut impl FnMut(Cow<'a, str>)) {
    // Byte offsets of the characters of the current Hangul or CJK run (plus its end).
    let mut run: Vec<usize> = Vec::new();
    let mut current = Class::Space;
    let mut start = 0;
    let mut flush = |class: Class, start: usize, end: usize, run: &mut Vec<usize>| match class {
        Class::Word => emit(word_key(&text[start..end])),
        Class::Hangul | Class::Cjk => {
            run.push(end);
            if run.len() == 2 {
                emit(Cow::Borrowed(&text[start..end]));
            }
            for w in run.windows(3) {
                emit(Cow::Borrowed(&text[w[0]..w[2]]));
            }
            run.clear();
        }
        Class::Space => {}
    };
    for (i, c) in text.char_indices() {
        let k = class(c);
        if k != current {
            flush(current, start, i, &mut run);
            current = k;
            start = i;
        }
        if matches!(k, Class::Hangul | Class::Cjk) {
            run.push(i);
        }
    }
    flush(current, start, text.len(), &mut run);
}

/// The distinct tokens of a text, sorted: what the index keys a post by.
pub fn tokenize(text: &str) -> Vec<String> {
    let text = ascii_lower(normalize(text));
    let mut out = Vec::new();
    each_token(&text, &mut |t| out.push(t.into_owned()));
    out.sort();
    out.dedup();
    out
}

/// Plain text of rendered HTML: tags dropped (a space for block-level ones, nothing for
/// inline ones, so `<strong>서울</strong>은` stays one word), the entities pulldown-cmark
/// writes decoded, runs of whitespace collapsed to one space.
pub fn plain_text(html: &str) -> String {
    const INLINE: &[&str] = &[
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
        "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "time", "u", "var",
    ];
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
                let (tag, end) = match html[i..].find('>') {
                    Some(e) => (&html[i + 1..i + e], i + e + 1),
                    None => (&html[i + 1..], bytes.len()),
                };
                let name_start = tag.trim_start_matches('/');
                let name_len = name_start
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(name_start.len());
                let name = &name_start[..name_len];
                if name.len() > 6 || !INLINE.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                    space = true;
                }
                i = end;
                let raw = ["script", "style"]
                    .into_iter()
                    .find(|n| n.eq_ignore_ascii_case(name));
                if let Some(raw) = raw
                    && !tag.starts_with('/')
                {
                    i = html[i..]
                        .to_ascii_lowercase()
                        .find(&format!("</{raw}"))
                        .map_or(bytes.len(), |e| i + e);
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
                let run = bytes[i..]
                    .iter()
                    .position(|b| matches!(b, b'<' | b'&' | b'\n' | b'\t' | b'\r' | b'\x0c'))
                    .map_or(bytes.len(), |e| i + e);
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
pub(crate) fn opening(text: &str, max: usize) -> &str {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text;
    };
    let head = &text[..cut];
    match head.rfind(' ') {
        Some(sp) if head[sp..].chars().count() < 20 => &head[..sp],
        _ => head,
    }
}

fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        if esc.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(esc);
        }
        last = i + 1;
    }
    out.push_str(&s[last..]);
    out.push('"');
}

/// One post's share of the index.
#[derive(Debug, Clone)]
struct Entry {
    /// The post as the `posts` array holds it: `{"t":…,"u":…,"d":…,"g":[…],"b":…}`.
    json: String,
    /// Interned tokens, distinct.
    tokens: Vec<u32>,
}

/// A post's JSON and its distinct tokens (each followed by a newline), before interning.
fn prepare(site: &Site, index: usize) -> (String, String) {
    let page = &site.pages[index];
    let tags: Vec<&String> = page
        .front
        .tags
        .iter()
        .filter(|t| !slugify(t).is_empty())
        .collect();
    let body = plain_text(&page.rendered.html());
    let description = page.front.description.as_deref().unwrap_or("");

    let mut json = String::with_capacity(SNIPPET_CHARS * 2 + 200);
    json.push_str("{\"t\":");
    push_json_str(&mut json, &page.title);
    json.push_str(",\"u\":");
    push_json_str(&mut json, &site.base.href(&page.path));
    json.push_str(",\"d\":");
    let date = page
        .date
        .as_ref()
        .map(|d| d.strftime("%Y-%m-%d").to_string())
        .unwrap_or_default();
    push_json_str(&mut json, &date);
    json.push_str(",\"g\":[");
    for (n, tag) in tags.iter().enumerate() {
        if n > 0 {
            json.push(',');
        }
        push_json_str(&mut json, tag);
    }
    json.push_str("],\"b\":");
    push_json_str(&mut json, opening(&body, SNIPPET_CHARS));
    json.push('}');

    let texts: Vec<Cow<str>> = [page.title.as_str(), description, body.as_str()]
        .into_iter()
        .chain(tags.iter().map(|t| t.as_str()))
        .map(|t| ascii_lower(normalize(t)))
        .collect();
    // Most tokens (a Hangul bigram is 6 bytes) fit in a u64, which hashes and compares fast.
    let mut short: HashSet<u64, FxBuild> =
        HashSet::with_capacity_and_hasher(body.len() / 16 + 64, FxBuild::default());
    let mut long: HashSet<Cow<str>, FxBuild> = HashSet::default();
    for text in &texts {
        each_token(text, &mut |t| {
            if t.len() <= 8 {
                let mut b = [0u8; 8];
                b[..t.len()].copy_from_slice(t.as_bytes());
                short.insert(u64::from_le_bytes(b));
            } else {
                long.insert(t);
            }
        });
    }
    let mut tokens = String::with_capacity((short.len() + long.len()) * 8);
    for t in short {
        let b = t.to_le_bytes();
        let len = b.iter().position(|b| *b == 0).unwrap_or(8);
        // Whole tokens, and tokens have no NUL: the bytes are the token's UTF-8.
        tokens.push_str(std::str::from_utf8(&b[..len]).unwrap_or_default());
        tokens.push('\n');
    }
    for t in long {
        tokens.push_str(&t);
        tokens.push('\n');
    }
    (json, tokens)
}

/// FxHash (as in rustc): the index hashes millions of short tokens of the site's own text.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxBuild = BuildHasherDefault<FxHasher>;

/// The search index of a site, kept per post so that `serve` can update it post by post:
/// an edit recomputes that post's tokens, patches the posting lists of the tokens it gained
/// or lost and re-encodes only those.
#[derive(Debug, Default)]
pub struct SearchIndex {
    entries: HashMap<PathBuf, Entry>,
    ids: HashMap<Box<str>, u32, FxBuild>,
    names: Vec<Box<str>>,
    /// Token ids in key order.
    sorted: Vec<u32>,
    /// The posts the lists below number: sources, newest first (`Site::posts`).
    order: Vec<PathBuf>,
    /// Posting lists by token id, and each one encoded.
    postings: Vec<Vec<u32>>,
    encoded: Vec<String>,
}

impl SearchIndex {
    /// The index of every post of `site`.
    pub fn build(site: &Site) -> SearchIndex {
        let mut index = SearchIndex::default();
        index.update(site, &HashSet::new());
        index
    }

    /// Brings the index up to date with `site`: recomputes the posts whose source is in
    /// `dirty` (`Path::to_string_lossy` of `Page::source`) or that are new, and forgets posts
    /// that are gone.
    pub fn update(&mut self, site: &Site, dirty: &HashSet<String>) {
        let todo: Vec<usize> = site
            .posts
            .iter()
            .copied()
            .filter(|&i| {
                let source = &site.pages[i].source;
                !self.entries.contains_key(source)
                    || dirty.contains(source.to_string_lossy().as_ref())
            })
            .collect();
        let prepared: Vec<(usize, (String, String))> = todo
            .into_par_iter()
            // Runs beside the page renderer: small pieces let either thread finish the other's.
            .with_max_len(16)
            .map(|i| (i, prepare(site, i)))
            .collect();
        let known = self.names.len();
        // Posts whose tokens changed, with the tokens they had.
        let mut changed: Vec<(PathBuf, Vec<u32>)> = Vec::new();
        for (i, (json, tokens)) in prepared {
            let mut tokens: Vec<u32> = tokens.lines().map(|t| self.intern(t)).collect();
            tokens.sort_unstable();
            let source = site.pages[i].source.clone();
            let old = self
                .entries
                .insert(source.clone(), Entry { json, tokens })
                .map(|e| e.tokens);
            changed.push((source, old.unwrap_or_default()));
        }
        if self.entries.len() > site.posts.len() {
            let live: HashSet<&PathBuf> =
                site.posts.iter().map(|&i| &site.pages[i].source).collect();
            self.entries.retain(|k, _| live.contains(k));
        }
        if self.names.len() > known {
            let names = &self.names;
            if known == 0 {
                self.sorted = (0..names.len() as u32).collect();
                self.sorted
                    .par_sort_unstable_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
            } else {
                for id in known as u32..names.len() as u32 {
                    let at = self
                        .sorted
                        .partition_point(|s| names[*s as usize] < names[id as usize]);
                    self.sorted.insert(at, id);
                }
            }
        }
        self.postings.resize(self.names.len(), Vec::new());
        self.encoded.resize(self.names.len(), String::new());

        let order_kept = self.order.len() == site.posts.len()
            && self
                .order
                .iter()
                .zip(&site.posts)
                .all(|(a, &i)| *a == site.pages[i].source);
        if order_kept {
            self.patch(&changed);
        } else {
            self.order = site
                .posts
                .iter()
                .map(|&i| site.pages[i].source.clone())
                .collect();
            self.rebuild_postings();
        }
    }

    /// Every posting list from scratch: after posts came, went or moved.
    fn rebuild_postings(&mut self) {
        for list in &mut self.postings {
            list.clear();
        }
        for (p, source) in self.order.iter().enumerate() {
            if let Some(e) = self.entries.get(source) {
                for &t in &e.tokens {
                    self.postings[t as usize].push(p as u32);
                }
            }
        }
        let n = self.order.len();
        self.encoded
            .par_iter_mut()
            .zip(&self.postings)
            .for_each(|(out, list)| encode_postings(list, n, out));
    }

    /// The same posts in the same order, some with other tokens: moves those posts in and out
    /// of the lists of the tokens they gained or lost.
    fn patch(&mut self, changed: &[(PathBuf, Vec<u32>)]) {
        let n = self.order.len();
        let mut touched: Vec<u32> = Vec::new();
        for (source, old) in changed {
            let Some(p) = self.order.iter().position(|s| s == source) else {
                continue;
            };
            let p = p as u32;
            let new = self.entries.get(source).map_or(&[][..], |e| &e.tokens[..]);
            let (mut a, mut b) = (0, 0);
            while a < old.len() || b < new.len() {
                let (o, w) = (old.get(a).copied(), new.get(b).copied());
                if o == w {
                    a += 1;
                    b += 1;
                    continue;
                }
                if w.is_none() || o.is_some_and(|o| Some(o) < w) {
                    let t = old[a];
                    let list = &mut self.postings[t as usize];
                    if let Ok(at) = list.binary_search(&p) {
                        list.remove(at);
                    }
                    touched.push(t);
                    a += 1;
                } else {
                    let t = new[b];
                    let list = &mut self.postings[t as usize];
                    if let Err(at) = list.binary_search(&p) {
                        list.insert(at, p);
                    }
                    touched.push(t);
                    b += 1;
                }
            }
        }
        for t in touched {
            encode_postings(&self.postings[t as usize], n, &mut self.encoded[t as usize]);
        }
    }

    fn intern(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            return id;
        }
        let id = self.names.len() as u32;
        let token: Box<str> = token.into();
        self.names.push(token.clone());
        self.ids.insert(token, id);
        id
    }

    /// `search-index.json`, as of the last [`update`](Self::update).
    pub fn file(&self) -> OutputFile {
        let posts: Vec<&Entry> = self
            .order
            .iter()
            .filter_map(|s| self.entries.get(s))
            .collect();
        let size = posts.iter().map(|e| e.json.len() + 1).sum::<usize>()
            + self
                .sorted
                .iter()
                .map(|&t| self.names[t as usize].len() + self.encoded[t as usize].len() + 6)
                .sum::<usize>();
        let mut out = String::with_capacity(size + 64);
        out.push_str("{\"version\":1,\"posts\":[");
        for (p, e) in posts.iter().enumerate() {
            if p > 0 {
                out.push(',');
            }
            out.push_str(&e.json);
        }
        out.push_str("],\"tokens\":{");
        let mut first = true;
        for &t in &self.sorted {
            if self.postings[t as usize].is_empty() {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            push_json_str(&mut out, &self.names[t as usize]);
            out.push_str(":\"");
            out.push_str(&self.encoded[t as usize]);
            out.push('"');
        }
        out.push_str("}}\n");
        OutputFile {
            path: INDEX_FILE.into(),
            data: out.into_bytes(),
        }
    }
}

/// `search-index.json` for a whole build.
pub fn index_file(site: &Site) -> OutputFile {
    SearchIndex::build(site).file()
}

/// A posting list (ascending post numbers below `n`) as the shorter of gaps and bitmap.
fn encode_postings(list: &[u32], n: usize, out: &mut String) {
    out.clear();
    let mut prev: Option<u32> = None;
    for &p in list {
        let mut v = match prev {
            Some(q) => p - q,
            None => p,
        };
        prev = Some(p);
        loop {
            let digit = v & 31;
            v >>= 5;
            let more = if v > 0 { 32 } else { 0 };
            out.push(ALPHABET[(digit | more) as usize] as char);
            if v == 0 {
                break;
            }
        }
    }
    let bitmap_len = n.div_ceil(6) + 1;
    if out.len() > bitmap_len {
        let mut bits = vec![0u8; n.div_ceil(6)];
        for &p in list {
            bits[p as usize / 6] |= 1 << (p % 6);
        }
        out.clear();
        out.push('~');
        // Trailing empty characters are left out.
        let used = bits.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1);
        out.extend(bits[..used].iter().map(|b| ALPHABET[*b as usize] as char));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_postings(s: &str) -> Vec<u32> {
        let value = |c: char| ALPHABET.iter().position(|a| *a as char == c).unwrap() as u32;
        let mut out = Vec::new();
        if let Some(bits) = s.strip_prefix('~') {
            for (i, c) in bits.chars().enumerate() {
                let v = value(c);
                out.extend(
                    (0..6)
                        .filter(|b| v & (1 << b) != 0)
                        .map(|b| i as u32 * 6 + b),
                );
            }
            return out;
        }
        let (mut num, mut shift, mut prev) = (0u32, 0, None::<u32>);
        for c in s.chars() {
            let v = value(c);
            num |= (v & 31) << shift;
            shift += 5;
            if v & 32 == 0 {
                let p = prev.map_or(num, |q| q + num);
                out.push(p);
                prev = Some(p);
                num = 0;
                shift = 0;
            }
        }
        out
    }

    /// The browser's query semantics (search.js), over an index of `docs`: which docs match.
    fn search(docs: &[&str], query: &str) -> Vec<usize> {
        let index: Vec<Vec<String>> = docs.iter().map(|d| tokenize(d)).collect();
        let query = ascii_lower(normalize(query));
        type Requirement = Box<dyn Fn(&str) -> bool>;
        let mut requirements: Vec<Requirement> = Vec::new();
        let mut runs: Vec<(Class, String)> = Vec::new();
        for c in query.chars() {
            let k = class(c);
            match runs.last_mut() {
                Some((last, s)) if *last == k => s.push(c),
                _ => runs.push((k, c.to_string())),
            }
        }
        for (k, run) in runs {
            match k {
                Class::Space => {}
                Class::Word => {
                    let w = word_key(&run).into_owned();
                    if w.chars().count() >= 2 {
                        requirements.push(Box::new(move |key| key.starts_with(&w)));
                    } else {
                        requirements.push(Box::new(move |key| key == w));
                    }
                }
                Class::Hangul | Class::Cjk => {
                    let chars: Vec<char> = run.chars().collect();
                    if chars.len() == 1 {
                        requirements.push(Box::new(move |key| key.contains(&run)));
                    }
                    for pair in chars.windows(2) {
                        let bigram: String = pair.iter().collect();
                        requirements.push(Box::new(move |key| key == bigram));
                    }
                }
            }
        }
        (0..docs.len())
            .filter(|&d| {
                !requirements.is_empty()
                    && requirements
                        .iter()
                        .all(|r| index[d].iter().any(|key| r(key)))
            })
            .collect()
    }

    #[test]
    fn hangul_words_are_found_by_their_parts() {
        assert_eq!(tokenize("서울은"), ["서울", "울은"]);
        assert_eq!(tokenize("책"), ["책"]);
        let docs = ["서울은 맑았다.", "서울에서 만나요", "부산은 흐림"];
        assert_eq!(search(&docs, "서울"), [0, 1]);
        assert_eq!(search(&docs, "서울은"), [0]);
        assert_eq!(search(&docs, "서울에서"), [1]);
        assert_eq!(search(&docs, "울"), [0, 1]);
        assert_eq!(search(&docs, "은"), [0, 2]);
        assert_eq!(search(&docs, "대구"), Vec::<usize>::new());
    }

    #[test]
    fn latin_words_fold_case_and_match_by_prefix() {
        assert_eq!(tokenize("Rust와 RUST, rust!"), ["rust", "와"]);
        let docs = [
            "Learning Rust properly",
            "Trusting the process",
            "Kubernetes",
        ];
        assert_eq!(search(&docs, "rust"), [0]);
        assert_eq!(search(&docs, "RUST"), [0]);
        assert_eq!(search(&docs, "kube"), [2]);
        assert_eq!(search(&docs, "Ｒｕｓｔ"), [0], "full-width letters");
        assert_eq!(tokenize("ÉCOLE")[0], "école");
        let long = "a".repeat(40);
        assert_eq!(tokenize(&long)[0].chars().count(), MAX_WORD_CHARS);
    }

    #[test]
    fn mixed_korean_and_digits() {
        assert_eq!(tokenize("2023년 회고"), ["2023", "년", "회고"]);
        let docs = ["2023년 회고: 한 해를 돌아보며", "2024년 계획", "회고 모음"];
        assert_eq!(search(&docs, "2023년 회고"), [0]);
        assert_eq!(search(&docs, "회고"), [0, 2]);
        assert_eq!(search(&docs, "년"), [0, 1]);
        assert_eq!(search(&docs, "LLM을 썼다"), Vec::<usize>::new());
        assert_eq!(search(&["LLM을 썼다"], "llm"), [0]);
    }

    #[test]
    fn cjk_and_decomposed_hangul() {
        assert_eq!(tokenize("日本語"), ["日本", "本語"]);
        assert_eq!(search(&["東京タワーに行った"], "タワー"), [0]);
        // 서울 written as decomposed jamo (as macOS file names are) is found by 서울.
        let nfd: String = "서울은".nfd().collect();
        assert_ne!(nfd, "서울은");
        assert_eq!(search(&[&nfd], "서울"), [0]);
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
    }

    #[test]
    fn posting_lists_round_trip() {
        let mut s = String::new();
        for (list, n) in [
            (vec![0u32], 1usize),
            (vec![5, 40, 1000, 1001], 2000),
            ((0..1000).collect::<Vec<u32>>(), 1000),
            ((0..500).map(|i| i * 2).collect(), 1000),
            (vec![31, 32, 1023, 1024, 70000], 70001),
        ] {
            encode_postings(&list, n, &mut s);
            assert_eq!(decode_postings(&s), list, "{s}");
            assert!(s.len() <= n.div_ceil(6) + 1);
        }
        encode_postings(&(0..1000).collect::<Vec<u32>>(), 1000, &mut s);
        assert!(s.starts_with('~'));
    }

    #[test]
    fn json_strings_are_escaped() {
        let mut s = String::new();
        push_json_str(&mut s, "a\"b\\c\nd\u{1}é서울");
        assert_eq!(s, "\"a\\\"b\\\\c\\nd\\u0001é서울\"");
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v, "a\"b\\c\nd\u{1}é서울");
    }

    #[test]
    fn updates_give_what_a_fresh_index_gives() {
        use crate::site::BuildOptions;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        };
        write("config.toml", "title = \"t\"\n");
        write(
            "content/posts/2023-01-01-a.md",
            "---\ntitle: 서울 여행\n---\n서울은 추웠다.\n",
        );
        write(
            "content/posts/2023-02-01-b.md",
            "---\ntitle: Rust\n---\nborrow checker\n",
        );
        write(
            "content/posts/2023-03-01-c.md",
            "---\ntitle: 회고\n---\n한 해.\n",
        );
        let opts = BuildOptions {
            root: root.to_path_buf(),
            base_url: None,
            drafts: false,
            future: false,
        };
        let mut site = Site::load(&opts).unwrap();
        let mut index = SearchIndex::build(&site);
        let steps = [
            // New tokens, same order.
            (
                "content/posts/2023-02-01-b.md",
                Some("---\ntitle: Rust\n---\nborrow checker 서울에서\n"),
            ),
            // Tokens lost.
            (
                "content/posts/2023-01-01-a.md",
                Some("---\ntitle: 서울\n---\n부산.\n"),
            ),
            // A post added, one removed, one moved by its date.
            (
                "content/posts/2024-01-01-d.md",
                Some("---\ntitle: 새 글\n---\n새해.\n"),
            ),
            ("content/posts/2023-03-01-c.md", None),
            (
                "content/posts/2023-02-01-b.md",
                Some("---\ntitle: Rust\ndate: 2025-01-01\n---\nmoved\n"),
            ),
        ];
        for (rel, text) in steps {
            match text {
                Some(t) => write(rel, t),
                None => std::fs::remove_file(root.join(rel)).unwrap(),
            }
            let update = site.update_files(&opts, &[root.join(rel)]).unwrap();
            index.update(&site, &update.pages);
            let fresh = String::from_utf8(index_file(&site).data).unwrap();
            assert_eq!(
                String::from_utf8(index.file().data).unwrap(),
                fresh,
                "after {rel}"
            );
            serde_json::from_str::<serde_json::Value>(&fresh).unwrap();
        }
    }

    #[test]
    fn opening_cuts_at_a_word() {
        assert_eq!(opening("짧은 글", 300), "짧은 글");
        let text = "가나다 ".repeat(100);
        let cut = opening(&text, 10);
        assert_eq!(cut, "가나다 가나다");
    }
}
