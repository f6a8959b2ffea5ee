//! The whole index: posts spread over shards by a hash of their source path, each shard kept
//! up to date on its own, and the manifest that lists them.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use super::json::push_json_str;
use super::shard::{Key, Member, Shard};
use super::{FORMAT_VERSION, INDEX_FILE, Listed, Posts, SHARD_POSTS, shard_path};
use crate::output::OutputFile;

/// How many shards `posts` posts take: one up to [`SHARD_POSTS`] (about 500 to 1,000 posts a
/// shard above that).
pub fn shard_count(posts: usize) -> usize {
    shard_count_for(posts, SHARD_POSTS)
}

fn shard_count_for(posts: usize, per_shard: usize) -> usize {
    posts.div_ceil(per_shard).max(1)
}

/// The shard of a post among `count`: a hash of its source path (with `/` separators), so a
/// post keeps its shard while others come and go, as long as the count stays.
pub fn shard_of(source: &Path, count: usize) -> usize {
    if count <= 1 {
        return 0;
    }
    let path = source.to_string_lossy();
    let hash = if std::path::MAIN_SEPARATOR == '/' {
        xxhash_rust::xxh3::xxh3_64(path.as_bytes())
    } else {
        xxhash_rust::xxh3::xxh3_64(path.replace(std::path::MAIN_SEPARATOR, "/").as_bytes())
    };
    (hash % count as u64) as usize
}

/// The search index of a site: its shards, kept post by post so that `serve` recomputes only
/// the posts an edit changed and rewrites only their shards (and the manifest).
#[derive(Debug)]
pub struct SearchIndex {
    per_shard: usize,
    shards: Vec<Shard>,
    manifest: Vec<u8>,
}

impl SearchIndex {
    /// The index of every post.
    pub fn build(posts: &impl Posts) -> SearchIndex {
        SearchIndex::build_with(posts, SHARD_POSTS)
    }

    pub(super) fn build_with(posts: &impl Posts, per_shard: usize) -> SearchIndex {
        let mut index = SearchIndex {
            per_shard,
            shards: Vec::new(),
            manifest: Vec::new(),
        };
        index.update(posts, &HashSet::new());
        index
    }

    /// Brings the index up to date: recomputes the posts whose source is in `dirty`
    /// (`Path::to_string_lossy` of the source) or that are new, and forgets posts that are
    /// gone. Returns the paths of the files that changed, the manifest first. When the number
    /// of shards changes, every post is recomputed (once per [`SHARD_POSTS`] posts added).
    pub fn update(&mut self, posts: &impl Posts, dirty: &HashSet<String>) -> Vec<String> {
        let listed = posts.listed();
        let count = shard_count_for(listed.len(), self.per_shard);
        if count != self.shards.len() {
            self.shards = (0..count).map(|_| Shard::default()).collect();
        }
        let members = members(&listed, count);
        let changed: Vec<bool> = self
            .shards
            .par_iter_mut()
            .zip(&members)
            .enumerate()
            .map(|(n, (shard, members))| shard.update(members, dirty, posts, (n, count)))
            .collect();
        let mut paths = Vec::new();
        let manifest = render_manifest(self.shards.iter().map(|s| &s.bytes[..]), &members);
        if manifest != self.manifest {
            self.manifest = manifest;
            paths.push(INDEX_FILE.to_string());
        }
        paths.extend((0..count).filter(|&n| changed[n]).map(shard_path));
        paths
    }

    /// How many shards the index has now.
    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    /// The file at `path` (the manifest or a shard), as of the last update.
    pub fn file(&self, path: &str) -> Option<OutputFile> {
        let data = if path == INDEX_FILE {
            &self.manifest
        } else {
            &self.shards.get(super::shard_number(path)?)?.bytes
        };
        Some(OutputFile {
            path: path.to_string(),
            data: data.clone(),
        })
    }

    /// Every file of the index, copied: the manifest, then the shards.
    pub fn files(&self) -> Vec<OutputFile> {
        std::iter::once(INDEX_FILE.to_string())
            .chain((0..self.shards.len()).map(shard_path))
            .filter_map(|p| self.file(&p))
            .collect()
    }
}

/// The index of every post as files, the manifest first, for a build that keeps nothing:
/// one shard at a time, so only one shard's posts are held at once, not the whole site's.
pub(super) fn build_files(posts: &impl Posts, per_shard: usize) -> Vec<OutputFile> {
    let listed = posts.listed();
    let count = shard_count_for(listed.len(), per_shard);
    let members = members(&listed, count);
    let shards: Vec<Vec<u8>> = members
        .iter()
        .enumerate()
        .map(|(n, members)| {
            let mut shard = Shard::default();
            shard.update(members, &HashSet::new(), posts, (n, count));
            std::mem::take(&mut shard.bytes)
        })
        .collect();
    let mut files = vec![OutputFile {
        path: INDEX_FILE.to_string(),
        data: render_manifest(shards.iter().map(|b| &b[..]), &members),
    }];
    files.extend(shards.into_iter().enumerate().map(|(n, data)| OutputFile {
        path: shard_path(n),
        data,
    }));
    files
}

/// The posts of each of `count` shards, in the order of `listed`.
fn members<'a>(listed: &[Listed<'a>], count: usize) -> Vec<Vec<Member<'a>>> {
    let mut members: Vec<Vec<Member>> = vec![Vec::new(); count];
    for (index, (post, key)) in listed.iter().zip(keys(listed)).enumerate() {
        members[shard_of(post.source, count)].push(Member {
            index,
            source: post.source,
            key,
        });
    }
    members
}

/// The manifest of shards with these bytes and these posts.
fn render_manifest<'a>(shards: impl Iterator<Item = &'a [u8]>, members: &[Vec<Member>]) -> Vec<u8> {
    let total: usize = members.iter().map(Vec::len).sum();
    let mut out = format!("{{\"version\":{FORMAT_VERSION},\"posts\":{total},\"shards\":[");
    for (n, (bytes, members)) in shards.zip(members).enumerate() {
        if n > 0 {
            out.push(',');
        }
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        out.push_str("{\"url\":");
        push_json_str(&mut out, &format!("{}?v={hash:016x}", shard_path(n)));
        out.push_str(&format!(",\"posts\":{}}}", members.len()));
    }
    out.push_str("]}\n");
    out.into_bytes()
}

/// Each post's [`Key`], in the order of `listed`.
fn keys(listed: &[Listed]) -> Vec<Key> {
    let mut out: Vec<Key> = Vec::with_capacity(listed.len());
    for post in listed {
        let tie = match out.last() {
            Some(k) if k.secs == post.secs => k.tie + 1,
            _ => 0,
        };
        out.push(Key {
            secs: post.secs,
            tie,
        });
    }
    out
}
