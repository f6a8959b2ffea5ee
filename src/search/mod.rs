//! Search: the site search index, written by the build as a small manifest,
//! `search-index.json`, and one or more shards, `search/shard-N.json`; fetched lazily by the
//! search page (`themes/default/static/js/search.js`). Its own stage: it reads posts through
//! [`Posts`] (which `site` implements) and hands back output files.
//!
//! Whitespace tokenizers index `서울은` as one word, so a search for `서울` finds nothing.
//! Here text is cut by script ([`tokens`]), and the query is cut the same way in the browser:
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
//! ## Shards
//!
//! Posts are spread over `K` shards by a hash of their source path ([`shard_of`]), so a post
//! stays in its shard while others come and go; `K` is one up to [`SHARD_POSTS`] posts and
//! then as many as keep each shard at about 500 to 1,000 posts ([`shard_count`]). An edit in
//! `serve --watch` then rewrites one shard and the manifest, not the whole index. The
//! manifest is
//!
//! ```json
//! {"version":2,"posts":10000,"shards":[{"url":"search/shard-0.json?v=…","posts":1003},…]}
//! ```
//!
//! with each shard's URL relative to the manifest's and `v` a hash of the shard's bytes, so
//! a browser (or a CDN that keys on the query) never takes a cached shard for a newer one;
//! the files keep their names, so an edit replaces a file instead of adding one. Each shard
//! repeats its number and the count (`"shard":0,"shards":10`): a page that somehow got a
//! shard of another layout loads the manifest again.
//!
//! ## A shard
//!
//! A shard is an inverted index over every word of its posts (title, tags, description and
//! the whole body) plus, per post, what a result shows: title, URL, ISO date, tags and the
//! opening of the body as plain text ([`SNIPPET_CHARS`]) for the snippet, and where the post
//! stands among all posts: `k`, its date in seconds (left out for a post without one), and
//! `n`, its place among the posts of that second (left out when 0). The browser merges the
//! shards' results by rank, then `k` (newer first), then `n`: the site's order, newest
//! first. Posting lists ([`postings`]) are strings, whichever is shorter of
//! - a bitmap over the shard's posts: `~` then 6 bits per character (post `i` is bit `i % 6`
//!   of character `i / 6`), for keys most posts contain, or
//! - the gaps between post numbers (the first number itself, then each minus the one before),
//!   5 bits per character, low bits first, with value bit 32 set on every character but a
//!   number's last,
//!
//! in the URL-safe base64 alphabet. Posts are numbered in the shard's `posts` order: newest
//! first. Keys and posts are sorted, so two builds of one site write identical bytes.
//!
//! [`SearchIndex`] keeps each post's share by source file, so `serve --watch` recomputes only
//! the posts that changed, then re-encodes and rewrites only their shards.

mod fxhash;
mod index;
mod json;
mod packed;
mod post;
mod postings;
mod shard;
#[cfg(test)]
mod tests;
pub mod tokens;

use std::path::Path;

pub use index::{SearchIndex, shard_count, shard_of};
pub use tokens::tokenize;

use crate::output::OutputFile;

/// Where the manifest is written.
pub const INDEX_FILE: &str = "search-index.json";
/// Where the default theme's search page is written.
pub const SEARCH_PAGE: &str = "search/index.html";
/// Where the shards are written: `search/shard-0.json`, `search/shard-1.json`, …
const SHARD_PREFIX: &str = "search/shard-";
/// The format of the manifest and the shards; search.js reads this one only.
const FORMAT_VERSION: u32 = 2;
/// Posts per shard at most, on average: a site with more has more than one shard.
pub const SHARD_POSTS: usize = 1000;
/// Characters of body text kept per post for result snippets. The index itself covers the
/// whole body; this text is only what a result can show and highlight. It is most of the
/// index: on the 1,000-post benchmark corpus (about 13 KB of plain text per post) 300
/// characters make 585 KB of the 700 KB index (156 KB gzipped); 2,000 would make it ~3.3 MB.
pub const SNIPPET_CHARS: usize = 300;
/// Longer words (hashes, URLs in code) are cut to this many characters, in the query too.
pub const MAX_WORD_CHARS: usize = 24;

/// Where the post of a search result stands: its source (which picks its shard) and its
/// date, in the order of [`Posts::listed`].
#[derive(Debug, Clone, Copy)]
pub struct Listed<'a> {
    /// Relative to the site, as `Page::source`.
    pub source: &'a Path,
    /// Seconds since 1970, `None` for a post without a date.
    pub secs: Option<i64>,
}

/// What the index reads of one post.
#[derive(Debug, Clone)]
pub struct Post<'a> {
    pub title: &'a str,
    /// With the base path, as links on the site are.
    pub url: String,
    /// `YYYY-MM-DD`, or empty.
    pub date: String,
    /// The tags a post shows (those with a slug).
    pub tags: Vec<&'a str>,
    pub description: &'a str,
    /// The rendered body.
    pub html: std::borrow::Cow<'a, str>,
}

/// The posts to index.
pub trait Posts: Sync {
    /// Every post, newest first (then by source path): the order results are ranked in on
    /// ties, which must be the order of [`Listed::secs`], newest first.
    fn listed(&self) -> Vec<Listed<'_>>;
    /// The post at `index` of [`listed`](Self::listed).
    fn post(&self, index: usize) -> Post<'_>;
}

/// Where shard `n` is written.
pub fn shard_path(n: usize) -> String {
    format!("{SHARD_PREFIX}{n}.json")
}

/// The shard number of a shard's path.
fn shard_number(path: &str) -> Option<usize> {
    let digits = path.strip_prefix(SHARD_PREFIX)?.strip_suffix(".json")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether the build writes `path` as part of the search index (of any size).
pub fn is_index_file(path: &str) -> bool {
    path == INDEX_FILE || shard_number(path).is_some()
}

/// Every path the index of `posts` posts is written to, with what it is (for the check
/// that no page wants one of them).
pub fn generated_paths(posts: usize) -> Vec<(String, String)> {
    std::iter::once((INDEX_FILE.to_string(), "the search index".to_string()))
        .chain((0..shard_count(posts)).map(|n| (shard_path(n), format!("search index shard {n}"))))
        .collect()
}

/// The index of every post: the manifest, then the shards. For a one-off build: `serve`
/// keeps a [`SearchIndex`] to update instead.
pub fn index_files(posts: &impl Posts) -> Vec<OutputFile> {
    index::build_files(posts, SHARD_POSTS)
}
