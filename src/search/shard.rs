//! One shard: a self-contained inverted index over some of the posts, with their result
//! data, kept per post so that an edit recomputes only the posts that changed, patches the
//! posting lists of the tokens they gained or lost and re-encodes only those.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::fxhash::FxBuild;
use super::json::push_json_str;
use super::packed::unpack;
use super::post::{Tokens, prepare};
use super::postings::encode_postings;
use super::{FORMAT_VERSION, Posts};

/// Where a post stands among all posts, written with it so that the browser can merge the
/// results of every shard in the site's order (newest first): its date in seconds, and its
/// place among the posts of that same second. Unlike a global rank, it does not change when
/// other posts come or go (except posts of the same second).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Key {
    pub secs: Option<i64>,
    pub tie: u32,
}

/// A post of the shard: its place in [`Posts::listed`], its source and its key.
#[derive(Debug, Clone, Copy)]
pub(super) struct Member<'a> {
    pub index: usize,
    pub source: &'a Path,
    pub key: Key,
}

/// One post's share of the shard.
#[derive(Debug, Clone)]
struct Entry {
    /// The post's result data (see [`prepare`]).
    json: String,
    /// Interned tokens, distinct, ascending.
    tokens: Vec<u32>,
}

#[derive(Debug, Default)]
pub(super) struct Shard {
    entries: HashMap<PathBuf, Entry>,
    /// Ids of the tokens of more than 8 bytes, by text, and of the others, packed as
    /// [`Tokens::short`] packs them.
    ids: HashMap<Box<str>, u32, FxBuild>,
    short_ids: HashMap<u64, u32, FxBuild>,
    names: Vec<Box<str>>,
    /// Token ids in key order.
    sorted: Vec<u32>,
    /// The posts the lists below number, newest first, with their keys.
    order: Vec<(PathBuf, Key)>,
    /// Posting lists by token id, and each one encoded.
    postings: Vec<Vec<u32>>,
    encoded: Vec<String>,
    /// The shard's file as of the last update.
    pub bytes: Vec<u8>,
}

impl Shard {
    /// Brings the shard up to date with `members` (newest first): recomputes the posts whose
    /// source is in `dirty` (`Path::to_string_lossy`) or that are new, forgets posts that are
    /// gone, and rewrites its file as shard `number` of `count`. Returns whether the file
    /// changed.
    pub fn update(
        &mut self,
        members: &[Member],
        dirty: &HashSet<String>,
        posts: &impl Posts,
        (number, count): (usize, usize),
    ) -> bool {
        let todo: Vec<&Member> = members
            .iter()
            .filter(|m| {
                !self.entries.contains_key(m.source)
                    || dirty.contains(m.source.to_string_lossy().as_ref())
            })
            .collect();
        let prepared: Vec<(&Path, (String, Tokens))> = todo
            .into_par_iter()
            // Runs beside the page renderer: small pieces let either thread finish the other's.
            .with_max_len(16)
            .map(|m| (m.source, prepare(&posts.post(m.index))))
            .collect();
        let recomputed = !prepared.is_empty();
        let known = self.names.len();
        // Posts whose tokens changed, with the tokens they had.
        let mut changed: Vec<(&Path, Vec<u32>)> = Vec::new();
        for (source, (json, tokens)) in prepared {
            let mut ids: Vec<u32> = Vec::with_capacity(tokens.short.len() + tokens.long.len());
            for &t in &tokens.short {
                ids.push(self.intern_short(t));
            }
            for t in &tokens.long {
                ids.push(self.intern(t));
            }
            ids.sort_unstable();
            let old = self
                .entries
                .insert(source.to_path_buf(), Entry { json, tokens: ids })
                .map(|e| e.tokens);
            changed.push((source, old.unwrap_or_default()));
        }
        if self.entries.len() > members.len() {
            let live: HashSet<&Path> = members.iter().map(|m| m.source).collect();
            self.entries.retain(|k, _| live.contains(k.as_path()));
        }
        self.sort_new_names(known);
        self.postings.resize(self.names.len(), Vec::new());
        self.encoded.resize(self.names.len(), String::new());

        let same_posts = self.order.len() == members.len()
            && self
                .order
                .iter()
                .zip(members)
                .all(|((s, _), m)| s == m.source);
        let same_keys = same_posts
            && self
                .order
                .iter()
                .zip(members)
                .all(|((_, k), m)| *k == m.key);
        if !same_keys {
            self.order = members
                .iter()
                .map(|m| (m.source.to_path_buf(), m.key))
                .collect();
        }
        if same_posts {
            self.patch(&changed);
        } else {
            self.rebuild_postings();
        }
        let header =
            format!("{{\"version\":{FORMAT_VERSION},\"shard\":{number},\"shards\":{count},");
        if recomputed || !same_keys || !self.bytes.starts_with(header.as_bytes()) {
            let bytes = self.render(&header);
            if bytes != self.bytes {
                self.bytes = bytes;
                return true;
            }
        }
        false
    }

    /// Token ids from `known` on are new: their places in key order.
    fn sort_new_names(&mut self, known: usize) {
        if self.names.len() == known {
            return;
        }
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

    /// Every posting list from scratch: after posts came, went or moved.
    fn rebuild_postings(&mut self) {
        for list in &mut self.postings {
            list.clear();
        }
        for (p, (source, _)) in self.order.iter().enumerate() {
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
    fn patch(&mut self, changed: &[(&Path, Vec<u32>)]) {
        let n = self.order.len();
        let mut touched: Vec<u32> = Vec::new();
        for (source, old) in changed {
            let Some(p) = self.order.iter().position(|(s, _)| s == source) else {
                continue;
            };
            let p = p as u32;
            let new = self.entries.get(*source).map_or(&[][..], |e| &e.tokens[..]);
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

    fn intern_short(&mut self, token: u64) -> u32 {
        if let Some(&id) = self.short_ids.get(&token) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(unpack(token).into());
        self.short_ids.insert(token, id);
        id
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

    /// The shard's file: `header`, then `"posts":[…],"tokens":{…}}`.
    fn render(&self, header: &str) -> Vec<u8> {
        let posts: Vec<(&Entry, Key)> = self
            .order
            .iter()
            .filter_map(|(s, k)| self.entries.get(s).map(|e| (e, *k)))
            .collect();
        let size = posts.iter().map(|(e, _)| e.json.len() + 24).sum::<usize>()
            + self
                .sorted
                .iter()
                .map(|&t| self.names[t as usize].len() + self.encoded[t as usize].len() + 6)
                .sum::<usize>();
        let mut out = String::with_capacity(size + header.len() + 32);
        out.push_str(header);
        out.push_str("\"posts\":[");
        for (p, (e, key)) in posts.iter().enumerate() {
            if p > 0 {
                out.push(',');
            }
            out.push('{');
            if let Some(secs) = key.secs {
                out.push_str(&format!("\"k\":{secs},"));
            }
            if key.tie > 0 {
                out.push_str(&format!("\"n\":{},", key.tie));
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
        out.into_bytes()
    }
}
