//! The index as a whole: shards, manifest, updates.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::*;

/// Posts without a site: (source, seconds, title, body).
struct Fake(Vec<(PathBuf, Option<i64>, String, String)>);

impl Fake {
    fn new(n: usize) -> Fake {
        Fake(
            (0..n)
                .map(|i| {
                    (
                        PathBuf::from(format!("content/posts/p{i:05}.md")),
                        Some(1_700_000_000 - (i as i64 / 3) * 86_400),
                        format!("글 {i}"),
                        format!("<p>본문 {i} 서울</p>"),
                    )
                })
                .collect(),
        )
    }
}

impl Posts for Fake {
    fn listed(&self) -> Vec<Listed<'_>> {
        self.0
            .iter()
            .map(|(source, secs, _, _)| Listed {
                source,
                secs: *secs,
            })
            .collect()
    }
    fn post(&self, index: usize) -> Post<'_> {
        let (source, _, title, html) = &self.0[index];
        Post {
            title,
            url: format!("/{}/", source.file_stem().unwrap().to_string_lossy()),
            date: String::new(),
            tags: Vec::new(),
            description: "",
            html: std::borrow::Cow::Borrowed(html),
        }
    }
}

fn json(file: &OutputFile) -> Value {
    serde_json::from_slice(&file.data).unwrap()
}

/// Each shard's post URLs, in order.
fn urls_by_shard(files: &[OutputFile]) -> Vec<Vec<String>> {
    files[1..]
        .iter()
        .map(|f| {
            json(f)["posts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["u"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn shard_counts_keep_shards_near_a_thousand_posts() {
    assert_eq!(shard_count(0), 1);
    assert_eq!(shard_count(1000), 1);
    assert_eq!(shard_count(1001), 2);
    assert_eq!(shard_count(10_000), 10);
    assert_eq!(shard_count(10_001), 11);
    for n in [1001, 2500, 10_000, 99_999] {
        let per = n as f64 / shard_count(n) as f64;
        assert!((500.0..=1000.0).contains(&per), "{n}: {per}");
    }
    assert_eq!(
        generated_paths(1500)
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>(),
        [INDEX_FILE, "search/shard-0.json", "search/shard-1.json"]
    );
    assert!(is_index_file("search/shard-12.json"));
    assert!(!is_index_file("search/shard-.json"));
    assert!(!is_index_file("search/index.html"));
}

#[test]
fn a_post_keeps_its_shard_while_others_come_and_go() {
    // The hash is part of the format: a change moves every post of every site.
    assert_eq!(shard_of(Path::new("_posts/2024-01-01-a.md"), 1), 0);
    let pinned: Vec<usize> = ["_posts/2024-01-01-a.md", "content/posts/b.md", "c.md"]
        .iter()
        .map(|p| shard_of(Path::new(p), 7))
        .collect();
    assert_eq!(pinned, [6, 0, 1]);

    let mut posts = Fake::new(1500);
    let before = urls_by_shard(&index_files(&posts));
    assert_eq!(before.len(), 2);
    for shard in &before {
        assert!((600..900).contains(&shard.len()), "{}", shard.len());
    }
    // 300 more posts, newer and older: the shards stay two, and nobody moves.
    let mut more = Fake::new(1800).0.split_off(1500);
    posts.0.extend(more.drain(..150));
    posts.0.splice(0..0, more);
    let after = urls_by_shard(&index_files(&posts));
    assert_eq!(after.len(), 2);
    for (old, new) in before.iter().zip(&after) {
        let new: HashSet<&String> = new.iter().collect();
        assert!(old.iter().all(|u| new.contains(u)));
    }
}

#[test]
fn the_manifest_and_shards_are_deterministic() {
    let posts = Fake::new(40);
    let files = SearchIndex::build_with(&posts, 10).files();
    assert_eq!(files, SearchIndex::build_with(&posts, 10).files());
    // A one-off build, a shard at a time, writes the same bytes.
    assert_eq!(files, super::index::build_files(&posts, 10));
    let manifest = json(&files[0]);
    assert_eq!(manifest["version"], 2);
    assert_eq!(manifest["posts"], 40);
    let shards = manifest["shards"].as_array().unwrap();
    assert_eq!(shards.len(), 4);
    let mut total = 0;
    for (n, (entry, file)) in shards.iter().zip(&files[1..]).enumerate() {
        let url = entry["url"].as_str().unwrap();
        let hash = xxhash_rust::xxh3::xxh3_64(&file.data);
        assert_eq!(url, format!("search/shard-{n}.json?v={hash:016x}"));
        assert_eq!(file.path, shard_path(n));
        let shard = json(file);
        assert_eq!(
            (shard["shard"].as_u64(), shard["shards"].as_u64()),
            (Some(n as u64), Some(4))
        );
        let count = shard["posts"].as_array().unwrap().len();
        assert_eq!(entry["posts"], count);
        total += count;
    }
    assert_eq!(total, 40);
}

#[test]
fn posts_carry_their_place_among_all_posts() {
    let mut posts = Fake::new(7);
    posts.0[6].1 = None;
    let files = SearchIndex::build_with(&posts, 1000).files();
    let shard = json(&files[1]);
    let keys: Vec<(Value, Value)> = shard["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["k"].clone(), p["n"].clone()))
        .collect();
    let k = |d: i64| Value::from(1_700_000_000 - d * 86_400);
    assert_eq!(
        keys,
        [
            (k(0), Value::Null),
            (k(0), 1.into()),
            (k(0), 2.into()),
            (k(1), Value::Null),
            (k(1), 1.into()),
            (k(1), 2.into()),
            (Value::Null, Value::Null),
        ]
    );
}

/// Updates through a real site give what a fresh index gives, with one shard and with
/// several (that come and go as posts do); each reports exactly the files that changed.
#[test]
fn updates_give_what_a_fresh_index_gives() {
    for per_shard in [1000, 2] {
        updates_match_fresh(per_shard);
    }
}

fn updates_match_fresh(per_shard: usize) {
    use crate::site::{BuildOptions, Site};
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
    let mut index = SearchIndex::build_with(&site, per_shard);
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
        // Nothing the index holds.
        (
            "content/posts/2023-01-01-a.md",
            Some("---\ntitle: 서울\n---\n부산.\n\n"),
        ),
        // A post added, one removed, one moved by its date.
        (
            "content/posts/2024-01-01-d.md",
            Some("---\ntitle: 새 글\n---\n새해.\n"),
        ),
        (
            "content/posts/2024-01-01-e.md",
            Some("---\ntitle: 같은 날\n---\n같은 날 두 글.\n"),
        ),
        ("content/posts/2023-03-01-c.md", None),
        (
            "content/posts/2023-02-01-b.md",
            Some("---\ntitle: Rust\ndate: 2025-01-01\n---\nmoved\n"),
        ),
        ("content/posts/2024-01-01-d.md", None),
    ];
    for (rel, text) in steps {
        match text {
            Some(t) => write(rel, t),
            None => std::fs::remove_file(root.join(rel)).unwrap(),
        }
        let before = index.files();
        let update = site.update_files(&opts, &[root.join(rel)]).unwrap();
        let changed = index.update(&site, &update.pages);
        let fresh = SearchIndex::build_with(&site, per_shard).files();
        assert_eq!(fresh, super::index::build_files(&site, per_shard));
        let now = index.files();
        assert_eq!(now, fresh, "after {rel} ({per_shard} posts a shard)");
        for f in &now {
            json(f);
            let old = before.iter().find(|b| b.path == f.path);
            assert_eq!(
                changed.contains(&f.path),
                old != Some(f),
                "{} after {rel}: reported {changed:?}",
                f.path
            );
        }
    }
}
